using System.Diagnostics;
using System.Globalization;
using GridGeo.Api.Tests.Security.Support;
using GridGeo.Core.Generation;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Import;
using Xunit.Abstractions;

namespace GridGeo.Api.Tests.Scaling;

/// <summary>
/// Two API processes (<c>dotnet GridGeo.Api.dll</c>, as <c>gridgeo serve</c> runs) over one database, sharing the durable
/// plan queue (<c>plan_jobs</c>): a plan started through one is run by whichever process claims it; that process is
/// killed with SIGKILL while it holds the job, and the other process — still serving, never restarted — takes the job
/// up once its heartbeat is stale (<c>GridGeo:Plans:StaleAfterSeconds</c>, 2 s here) and finishes it. Prints the
/// failover time: from the kill to the take-over and to the finished plan.
/// </summary>
public sealed class JobFailoverTests(ThrowawayCluster cluster, ITestOutputHelper output) : IClassFixture<ThrowawayCluster>
{
    private const double StaleAfterSeconds = 2;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["GridGeo:Plans:HeartbeatSeconds"] = "0.5",
        ["GridGeo:Plans:StaleAfterSeconds"] = StaleAfterSeconds.ToString(CultureInfo.InvariantCulture),
        ["GridGeo:Plans:PollSeconds"] = "0.25",
        ["GridGeo:Locate:PollSeconds"] = "1",
    };

    [Fact]
    public async Task A_plan_job_held_by_a_process_killed_with_sigkill_is_finished_by_the_other_running_process()
    {
        var bundle = DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = 6000, HouseholdsPerCommunity = 1500, Seed = 13, CountyCode = "370101" });
        await new BundleImporter(cluster.DataSource).ImportAsync(bundle);
        var key = (await new ApiKeyStore(cluster.DataSource).CreateAsync($"failover-{Guid.NewGuid():N}"[..20], ApiRoles.Admin, [])).Key;

        var started = await Task.WhenAll(ApiProcess.StartAsync(cluster.ConnectionString, Settings), ApiProcess.StartAsync(cluster.ConnectionString, Settings));
        await using var a = started[0];
        await using var b = started[1];
        foreach (var api in started) api.Http.DefaultRequestHeaders.Add("X-Api-Key", key);

        // Started through A; whichever process claims it holds it (A, woken at once, nearly always).
        var id = await a.StartPlanAsync(new { all = true, seed = 3 });
        var wait = Stopwatch.StartNew();
        string? holder;
        while ((holder = await cluster.ScalarAsync<string?>("select coalesce((select worker from plan_jobs where plan_id = @id and state = 'running'), '')", new { id })) is "")
        {
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(60), $"no process started plan {id}\nA:\n{a.Log}\nB:\n{b.Log}");
            await Task.Delay(10);
        }
        var (killed, survivor) = WorkerPid(holder!) == a.Id ? (a, b) : (b, a);
        Assert.Equal(killed.Id, WorkerPid(holder!));
        killed.Kill();
        var clock = Stopwatch.StartNew();
        Assert.Equal(0L, await cluster.ScalarAsync<long>("select count(*) from plans where id = @id and completed_at is not null", new { id }));

        string taker;
        while ((taker = await cluster.ScalarAsync<string>("select coalesce(worker, '') from plan_jobs where plan_id = @id", new { id })) == holder)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the surviving process did not take plan {id} over\n{survivor.Log}");
            await Task.Delay(20);
        }
        var takenOver = clock.Elapsed;
        Assert.Equal(survivor.Id, WorkerPid(taker));

        var plan = await survivor.WaitForPlanAsync(id, TimeSpan.FromSeconds(240));
        var finished = clock.Elapsed;
        Assert.True(plan.GetProperty("complete").GetBoolean(), $"plan {id}: {plan}\n{survivor.Log}");
        Assert.Equal("done", await cluster.ScalarAsync<string>("select state from plan_jobs where plan_id = @id", new { id }));
        Assert.Equal(2, await cluster.ScalarAsync<int>("select attempts from plan_jobs where plan_id = @id", new { id }));
        // The plan is stored once: no grid of the killed run is left beside the survivor's.
        Assert.Equal(await cluster.ScalarAsync<long>("select count(distinct code) from grids where plan_id = @id", new { id }),
            await cluster.ScalarAsync<long>("select count(*) from grids where plan_id = @id", new { id }));
        Assert.Equal(await cluster.ScalarAsync<long>("select (summary->>'Grids')::bigint from plans where id = @id", new { id }),
            await cluster.ScalarAsync<long>("select count(*) from grids where plan_id = @id", new { id }));
        output.WriteLine($"job failover: process {killed.Id} killed (SIGKILL) while running plan {id}; process {survivor.Id} took the job over " +
                         $"after {takenOver.TotalSeconds:F2} s (stale after {StaleAfterSeconds} s, heartbeat 0.5 s, poll 0.25 s) and finished it after {finished.TotalSeconds:F2} s");
    }

    /// <summary>The process id in a worker name (host:pid:tag, see PlanJobQueue.Worker).</summary>
    private static int WorkerPid(string worker) => int.Parse(worker.Split(':')[^2], CultureInfo.InvariantCulture);
}
