using System.Text;
using GridGeo.Core.Lookup;
using GridGeo.Core.Model;
using GridGeo.Storage;
using GridGeo.Storage.Plans;
using Npgsql;

namespace GridGeo.Bench.Locate;

/// <summary>
/// Data for the lookup benchmark on an imported district: a plan of one grid per community (members: the community's
/// buildings; enough for lookup throughput, no partition run needed) and door-plate queries drawn from the stored
/// households — exact, and with one wrong character in the road or compound name.
/// </summary>
public static class LookupBenchData
{
    public static async Task<int> PublishCommunityPlanAsync(string db)
    {
        await using var source = GridGeoDatabase.Open(new StorageOptions(db));
        var grids = new List<Grid>();
        await using (var cmd = source.CreateCommand("""
            select c.code, st_asewkb(c.boundary), coalesce(array_agg(b.id order by b.id) filter (where b.id is not null), '{}'), coalesce(sum(b.households), 0)
            from communities c left join buildings b on b.community_code = c.code
            group by c.code, c.boundary order by c.code
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                grids.Add(new Grid(r.GetString(0) + "001", r.GetString(0), GridKinds.Basic, null, (int)r.GetInt64(3), r.GetFieldValue<string[]>(2),
                    Ewkb.Read((byte[])r[1])));
        var store = new PlanStore(source);
        var id = await store.CreateDraftAsync(PlanKinds.Import, new { bench = "one grid per community" });
        await store.SaveGridsAsync(id, grids);
        await store.CompleteAsync(id, new { grids = grids.Count });
        var published = await store.PublishAsync(id, "bench");
        Console.WriteLine($"plan {id}: {grids.Count} grids (one per community), {published.Outcome}");
        return grids.Count;
    }

    /// <summary>Writes <paramref name="count"/> exact door plates and as many with one wrong name character, URL-encoded, one per line.</summary>
    public static async Task WriteQueriesAsync(string db, int count, string exactFile, string fuzzyFile)
    {
        await using var source = GridGeoDatabase.Open(new StorageOptions(db));
        var addresses = new List<string>();
        await using (var cmd = source.CreateCommand("select address from households tablesample system (5) where address <> '' limit @n"))
        {
            cmd.Parameters.AddWithValue("n", count);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) addresses.Add(r.GetString(0));
        }
        var random = new Random(5);
        const string wrong = "甲乙丙丁戊己庚壬癸鑫淼焱垚犇";
        await using var exact = new StreamWriter(exactFile, false, new UTF8Encoding(false));
        await using var fuzzy = new StreamWriter(fuzzyFile, false, new UTF8Encoding(false));
        foreach (var a in addresses)
        {
            await exact.WriteLineAsync(Uri.EscapeDataString(a));
            var plate = DoorPlate.Parse(a);
            var name = plate.Road;
            var at = a.LastIndexOf(name, StringComparison.Ordinal);
            if (name.Length < 2 || at < 0) continue;
            var chars = a.ToCharArray();
            chars[at + random.Next(name.Length - 1)] = wrong[random.Next(wrong.Length)];
            await fuzzy.WriteLineAsync(Uri.EscapeDataString(new string(chars)));
        }
        Console.WriteLine($"{addresses.Count} door plates");
    }
}

/// <summary>In-process door-plate figures: index build time and searches per second on one core, exact and misspelt.</summary>
public static class DoorPlateBench
{
    public static async Task RunAsync(string db, string exactFile, string fuzzyFile)
    {
        await using var source = GridGeoDatabase.Open(new StorageOptions(db));
        var store = new GridGeo.Storage.Lookup.LocateStore(source, new PlanStore(source));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cpu0 = Environment.ProcessId > 0 ? System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime : TimeSpan.Zero;
        var index = await store.ReadDoorPlatesAsync();
        var cpu1 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine($"door-plate index: {index.HouseholdCount:N0} households, {index.BuildingCount:N0} buildings, {index.NameCount:N0} names; read + built in {clock.Elapsed.TotalSeconds:F1} s wall, {(cpu1 - cpu0).TotalSeconds:F1} s CPU; managed heap {GC.GetTotalMemory(true) / 1048576} MiB");
        foreach (var (label, file) in new[] { ("exact", exactFile), ("one wrong character", fuzzyFile) })
        {
            var queries = File.ReadAllLines(file).Select(Uri.UnescapeDataString).ToArray();
            var found = 0;
            foreach (var q in queries.Take(2000)) found += index.Search(q, 10).Count > 0 ? 1 : 0;
            clock.Restart();
            var n = 0;
            while (clock.ElapsedMilliseconds < 3000) n += index.Search(queries[n % queries.Length], 10).Count >= 0 ? 1 : 0;
            Console.WriteLine($"{label}: {n / clock.Elapsed.TotalSeconds:N0} searches/s on one thread ({found}/2000 answered)");
        }
    }
}
