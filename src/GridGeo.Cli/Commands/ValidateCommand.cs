using System.CommandLine;
using GridGeo.IO.Bundles;

namespace GridGeo.Cli.Commands;

/// <summary><c>validate --data DIR</c>: reads a bundle, checks every input rule, prints its figures.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "the district bundle folder", Required = true };
        var command = new Command("validate", "check a district bundle against the contract's input rules") { data };
        var readBundle = BundleInput.AddTo(command, data);
        command.SetAction(parse =>
        {
            var bundle = readBundle(parse);
            Console.WriteLine($"communities {bundle.Communities.Count}, buildings {bundle.Buildings.Count}, households {bundle.TotalHouseholds}, " +
                              $"compounds {bundle.CompoundList.Count}, dedicated areas {bundle.DedicatedList.Count}, barriers {bundle.BarrierList.Count}");
            var unlinked = bundle.Buildings.Count(b => b.CommunityCode is null);
            if (unlinked > 0) Console.WriteLine($"warning: {unlinked} buildings lie outside every community and will not be gridded");
            return CliRunner.Ok;
        });
        return command;
    }
}
