using System.CommandLine;
using GridGeo.Core;
using GridGeo.Core.Coverage;

namespace GridGeo.Cli;

/// <summary>
/// Runs the command line with the contract's exit codes: 0 on success, 2 on bad input (argument
/// errors and <see cref="BadInputException"/>, message on stderr), 1 on any other failure.
/// </summary>
public static class CliRunner
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine($"gridgeo: {error.Message}");
            Console.Error.WriteLine("Run with --help for usage.");
            return BadInput;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (BadInputException ex)
        {
            Console.Error.WriteLine($"gridgeo: bad input: {ex.Message}");
            return BadInput;
        }
        catch (PlanGateException ex)
        {
            // A plan that breaks a grid rule is never written (exit 2, naming the grids and rules).
            Console.Error.WriteLine($"gridgeo: plan refused: {ex.Message}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("gridgeo: cancelled");
            return Failure;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"gridgeo: failed: {ex.Message}");
            if (Environment.GetEnvironmentVariable("GRIDGEO_DEBUG") == "1") Console.Error.WriteLine(ex);
            return Failure;
        }
    }
}
