using System.CommandLine;
using GridGeo.Cli.Commands;
using GridGeo.Cli.Tests.Support;
using GridGeo.IO.Bundles;
using GridGeo.Storage.Import;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Staffing;
using GridGeo.Testing;

namespace GridGeo.Cli.Tests.Commands;

/// <summary><c>staff import|export</c> against this class's database: a round trip, and a bad line refused whole.</summary>
[Collection("Console")]
public sealed class StaffCommandTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime, IDisposable
{
    private const string County = "430101";
    private const string Street = County + "001";
    private readonly string _dir = Directory.CreateTempSubdirectory("gridgeo-staff-").FullName;

    private static string Grid(int community, int seq) => $"{TestBundle.CommunityCode(County, community)}{seq:D3}";

    public async Task InitializeAsync()
    {
        await InProcessCli.SeedPublishedHalvesAsync(db, County);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => InProcessCli.RunAsync(db, args);

    [Fact]
    public async Task A_roster_imported_then_exported_then_edited_and_imported_again_round_trips()
    {
        var csv = Path.Combine(_dir, "roster.csv");
        await File.WriteAllTextAsync(csv,
            "id,name,phone,role,street,assignments\n" +
            $",\"王, 芳\",13800138000,grid_worker,,{Grid(1, 1)}\n" +
            $",李四,0851-5551234,grid_head,{Street},{Grid(1, 1)};{Grid(1, 2)}\n");
        var (exit, output, err) = await Run("staff", "import", "--file", csv);
        Assert.True(exit == CliRunner.Ok, err);
        Assert.Contains("2 added", output);

        var exported = Path.Combine(_dir, "out.csv");
        Assert.Equal(CliRunner.Ok, (await Run("staff", "export", "--out", exported, "--street", Street)).Exit);
        var lines = await File.ReadAllLinesAsync(exported);
        Assert.Equal("id,name,phone,role,street,assignments", lines[0]);
        Assert.Contains(lines, l => l.EndsWith($",\"王, 芳\",13800138000,grid_worker,{Street},{Grid(1, 1)}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith($",李四,0851-5551234,grid_head,{Street},{Grid(1, 1)} {Grid(1, 2)}", StringComparison.Ordinal));

        // Edit one line, drop the other, and replace the street's roster with the file.
        var kept = lines.Single(l => l.Contains("李四")).Replace("grid_head", "grid_worker").Replace($"{Grid(1, 1)} {Grid(1, 2)}", Grid(1, 2));
        await File.WriteAllLinesAsync(csv, [lines[0], kept]);
        (exit, output, err) = await Run("staff", "import", "--file", csv, "--replace");
        Assert.True(exit == CliRunner.Ok, err);
        Assert.Contains("0 added, 1 updated, 1 removed", output);
        var person = Assert.Single(await new StaffStore(db.DataSource).ListAsync(Street));
        Assert.Equal(("李四", "grid_worker"), (person.Name, person.Role));
        Assert.Equal([Grid(1, 2)], person.Assignments);
    }

    [Fact]
    public async Task A_roster_with_one_bad_line_exits_2_naming_the_line_and_loads_nothing()
    {
        var csv = Path.Combine(_dir, "bad.csv");
        await File.WriteAllTextAsync(csv,
            "id,name,phone,role,assignments\n" +
            $",赵六,13800138001,grid_worker,{Grid(2, 1)}\n" +
            $",钱七,13800138002,grid_worker,{TestBundle.CommunityCode(County, 2)}009\n");
        var before = (await new StaffStore(db.DataSource).ListAsync()).Count;
        var (exit, _, err) = await Run("staff", "import", "--file", csv);
        Assert.Equal(CliRunner.BadInput, exit);
        Assert.Contains("bad.csv: line 3: assignments:", err);
        Assert.Equal(before, (await new StaffStore(db.DataSource).ListAsync()).Count);
    }
}
