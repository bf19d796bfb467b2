using System.CommandLine;
using GridGeo.Cli.Commands;
using GridGeo.Testing;

namespace GridGeo.Cli.Tests.Commands;

/// <summary>Bad bundles stop <c>import</c> with exit code 2 before the database is opened.</summary>
public sealed class ImportCommandTests
{
    private static Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        return CliRunner.RunAsync(root, args);
    }

    [Fact]
    public async Task A_bundle_with_a_household_of_an_unknown_building_exits_2()
    {
        var dir = TestBundle.Write("150101");
        File.AppendAllText(Path.Combine(dir, "households.csv"), "H-x,NO-SUCH-BUILDING,1,1,101,,,某路1号\n");
        Assert.Equal(CliRunner.BadInput, await RunAsync("import", "--data", dir));
    }

    [Fact]
    public async Task A_missing_folder_exits_2()
    {
        Assert.Equal(CliRunner.BadInput, await RunAsync("import", "--data", Path.Combine(Path.GetTempPath(), "gridgeo-no-such-" + Guid.NewGuid())));
    }

    [Fact]
    public async Task Import_without_data_is_an_argument_error()
    {
        Assert.Equal(CliRunner.BadInput, await RunAsync("import"));
    }
}

/// <summary>Non-finite and out-of-range coordinates stop <c>validate</c> and <c>import</c> with exit code 2; a weak <c>keys create --key</c> too.</summary>
public sealed class CorruptCoordinateCommandTests
{
    private static Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        return CliRunner.RunAsync(root, args);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("181")]
    public async Task A_household_with_a_bad_longitude_exits_2_for_validate_and_import(string lon)
    {
        var dir = TestBundle.Write("150102");
        File.AppendAllText(Path.Combine(dir, "households.csv"), $"H-bad,{TestBundle.BuildingId("150102", 1, 1)},1,1,101,{lon},25.0,某路1号\n");
        Assert.Equal(CliRunner.BadInput, await RunAsync("validate", "--data", dir));
        Assert.Equal(CliRunner.BadInput, await RunAsync("import", "--data", dir));
    }

    [Fact]
    public async Task A_weak_key_is_refused_with_exit_2_before_the_database_is_opened() =>
        Assert.Equal(CliRunner.BadInput, await RunAsync("keys", "create", "--role", "admin", "--name", "dev", "--key", "password-password-password"));
}
