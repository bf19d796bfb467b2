using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using GridGeo.Api.Tests.Security.Support;
using GridGeo.Core.Generation;
using GridGeo.IO.Bundles;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Import;
using GridGeo.Storage.Plans;
using GridGeo.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace GridGeo.Api.Tests.Security;

/// <summary>
/// Crashes and outages against real API processes on a throwaway cluster of their own: <c>kill -9</c> of the API while a
/// plan runs (a restarted API takes it up again and completes it; nothing is left running, queued or half-written),
/// <c>kill -9</c> while a publish holds its locks (the publish rolls back whole; the current plan stays), and PostgreSQL
/// stopped and started under a serving API (503 problem+json while it is down, answers again when it is back).
/// </summary>
public sealed class FaultTests(ThrowawayCluster cluster, ITestOutputHelper output) : IClassFixture<ThrowawayCluster>
{
    /// <summary>Short heartbeats so that a crashed worker's job is taken up again within seconds.</summary>
    private static readonly Dictionary<string, string> FastRecovery = new()
    {
        ["GridGeo:Plans:HeartbeatSeconds"] = "0.5",
        ["GridGeo:Plans:StaleAfterSeconds"] = "3",
        ["GridGeo:Plans:PollSeconds"] = "0.5",
        ["GridGeo:Locate:PollSeconds"] = "1",
    };

    private async Task<string> AdminKeyAsync() => (await new ApiKeyStore(cluster.DataSource).CreateAsync($"admin-{Guid.NewGuid():N}"[..20], ApiRoles.Admin, [])).Key;

    [Fact]
    public async Task A_plan_run_killed_with_sigkill_is_taken_up_by_the_restarted_api_and_completes_with_its_queued_successor()
    {
        var bundle = DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = 6000, HouseholdsPerCommunity = 1500, Seed = 11, CountyCode = "360101" });
        await new BundleImporter(cluster.DataSource).ImportAsync(bundle);
        var streets = bundle.Communities.Select(c => c.StreetCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var key = await AdminKeyAsync();

        long first, second;
        await using (var api = await ApiProcess.StartAsync(cluster.ConnectionString, FastRecovery))
        {
            api.Http.DefaultRequestHeaders.Add("X-Api-Key", key);
            first = await api.StartPlanAsync(new { all = true, seed = 3 });
            second = await api.StartPlanAsync(new { street = streets[0], seed = 4 });
            // Kill as soon as the first run is under way.
            var wait = Stopwatch.StartNew();
            while (await cluster.ScalarAsync<string>("select state from plan_jobs where plan_id = @first", new { first }) != "running")
            {
                Assert.True(wait.Elapsed < TimeSpan.FromSeconds(60), "the first plan never started running\n" + api.Log);
                await Task.Delay(20);
            }
            api.Kill();
        }
        Assert.Equal(0d, await cluster.ScalarAsync<double>("select count(*) from plans where id = @first and completed_at is not null", new { first }));
        Assert.Equal("queued", await cluster.ScalarAsync<string>("select state from plan_jobs where plan_id = @second", new { second }));

        var recovery = Stopwatch.StartNew();
        await using (var api = await ApiProcess.StartAsync(cluster.ConnectionString, FastRecovery))
        {
            api.Http.DefaultRequestHeaders.Add("X-Api-Key", key);
            var started = recovery.Elapsed;
            foreach (var id in new[] { first, second })
            {
                var plan = await api.WaitForPlanAsync(id, TimeSpan.FromSeconds(240));
                Assert.True(plan.GetProperty("complete").GetBoolean(), $"plan {id}: {plan}\n{api.Log}");
                if (id == first)
                    output.WriteLine($"recovery: the restarted API answered after {started.TotalSeconds:F1} s and completed the interrupted plan after {recovery.Elapsed.TotalSeconds:F1} s (stale after 3 s)");
            }
        }
        // Taken up once, from a clean draft: every grid and liaison unit stored once.
        Assert.Equal(2, await cluster.ScalarAsync<int>("select attempts from plan_jobs where plan_id = @first", new { first }));
        Assert.Equal(0, await cluster.ScalarAsync<int>("select count(*)::int from plan_jobs where state in ('queued', 'running')"));
        foreach (var id in new[] { first, second })
        {
            Assert.Equal(await cluster.ScalarAsync<long>("select count(distinct code) from grids where plan_id = @id", new { id }),
                await cluster.ScalarAsync<long>("select count(*) from grids where plan_id = @id", new { id }));
            Assert.Equal(await cluster.ScalarAsync<long>("select count(distinct code) from liaison_units where plan_id = @id", new { id }),
                await cluster.ScalarAsync<long>("select count(*) from liaison_units where plan_id = @id", new { id }));
            Assert.Equal(await cluster.ScalarAsync<long>("select (summary->>'Grids')::bigint from plans where id = @id", new { id }),
                await cluster.ScalarAsync<long>("select count(*) from grids where plan_id = @id", new { id }));
        }
    }

    [Fact]
    public async Task A_publish_killed_with_sigkill_while_it_holds_its_locks_leaves_the_current_plan_whole_and_can_be_repeated()
    {
        const string county = "360102";
        await new BundleImporter(cluster.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write(county)));
        var plans = new PlanStore(cluster.DataSource);
        var communities = new[] { TestBundle.CommunityCode(county, 1), TestBundle.CommunityCode(county, 2) };
        var current = await plans.CreateDraftAsync(PlanKinds.Partition, new { county });
        await plans.SaveGridsAsync(current, TestGrids.HalvesOf(county));
        await plans.CompleteAsync(current, new { grids = 4 });
        Assert.Equal(PublishOutcome.Published, (await plans.PublishAsync(current, "test")).Outcome);
        var draft = await plans.CreateDraftAsync(PlanKinds.Partition, new { county });
        await plans.RecordComputedFromAsync(draft, communities);
        await plans.SaveGridsAsync(draft, TestGrids.HalvesOf(county));
        await plans.CompleteAsync(draft, new { grids = 4 });
        var key = await AdminKeyAsync();

        await using (var api = await ApiProcess.StartAsync(cluster.ConnectionString, FastRecovery))
        {
            api.Http.DefaultRequestHeaders.Add("X-Api-Key", key);
            // Hold the communities so that the publish stops inside its transaction, after locking the plan and grids.
            await using var blocker = await cluster.DataSource.OpenConnectionAsync();
            await using var hold = await blocker.BeginTransactionAsync();
            await blocker.ExecuteAsync("select code from communities where code = any(@communities) for update", new { communities }, hold);
            var publish = api.Http.PostAsync($"/api/plans/{draft}/publish", null);
            var wait = Stopwatch.StartNew();
            while (await cluster.ScalarAsync<long>("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%for share%'") == 0)
            {
                Assert.True(wait.Elapsed < TimeSpan.FromSeconds(60), "the publish never reached its locks\n" + api.Log);
                await Task.Delay(20);
            }
            api.Kill();
            await Assert.ThrowsAnyAsync<Exception>(() => publish);
            await hold.RollbackAsync();
        }
        // The killed publish rolled back whole: the draft is a draft, the old plan's grids are the current ones.
        var wait2 = Stopwatch.StartNew();
        while (await cluster.ScalarAsync<long>("select count(*) from pg_stat_activity where wait_event_type = 'Lock'") > 0 && wait2.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
        Assert.Equal("draft", (await plans.GetAsync(draft))!.Status);
        Assert.Equal(4L, await cluster.ScalarAsync<long>("select count(*) from grids where plan_id = @current and valid_to is null", new { current }));
        Assert.Equal(0L, await cluster.ScalarAsync<long>("select count(*) from grids where plan_id = @draft and valid_from is not null", new { draft }));

        await using (var api = await ApiProcess.StartAsync(cluster.ConnectionString, FastRecovery))
        {
            api.Http.DefaultRequestHeaders.Add("X-Api-Key", key);
            var again = await api.Http.PostAsync($"/api/plans/{draft}/publish", null);
            Assert.True(again.StatusCode == HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        }
        Assert.Equal(4L, await cluster.ScalarAsync<long>("select count(*) from grids where plan_id = @draft and valid_to is null", new { draft }));
        Assert.Equal(0L, await cluster.ScalarAsync<long>("select count(*) from grids where plan_id = @current and valid_to is null", new { current }));
    }

    [Fact]
    public async Task With_postgresql_stopped_database_reads_and_writes_are_503_problems_and_answers_come_back_when_it_is_started_again()
    {
        const string county = "360103";
        await new BundleImporter(cluster.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write(county)));
        var plans = new PlanStore(cluster.DataSource);
        var current = await plans.CreateDraftAsync(PlanKinds.Partition, new { county });
        await plans.SaveGridsAsync(current, TestGrids.HalvesOf(county));
        await plans.CompleteAsync(current, new { grids = 4 });
        await plans.PublishAsync(current, "test");
        var key = await AdminKeyAsync();
        var grid = $"{TestBundle.CommunityCode(county, 1)}001";
        var before = await cluster.ScalarAsync<string>("select string_agg(id || ':' || version, ',' order by id) from grids");

        await using var api = await ApiProcess.StartAsync(cluster.ConnectionString, FastRecovery);
        api.Http.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync($"/api/grids/{grid}")).StatusCode);
        var etag = (await api.Http.GetAsync($"/api/grids/{grid}")).Headers.ETag!.ToString();

        await cluster.StopAsync();
        try
        {
            foreach (var (method, url) in new[] { ("GET", $"/api/grids/{grid}"), ("GET", "/api/admin-areas?level=community"), ("GET", "/health"), ("POST", $"/api/grids/{grid}/lock") })
            {
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                request.Headers.TryAddWithoutValidation("If-Match", etag);
                var down = await api.Http.SendAsync(request);
                var text = await down.Content.ReadAsStringAsync();
                // With the database down, even the key cannot be checked: the answer is 503, never 500 or 401.
                Assert.True(down.StatusCode == HttpStatusCode.ServiceUnavailable, $"{method} {url}: {(int)down.StatusCode} {text}\n{api.Log}");
                if (url != "/health") Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            }
        }
        finally
        {
            await cluster.StartAsync();
        }
        var back = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await api.Http.GetAsync($"/api/grids/{grid}")).StatusCode;
            if (status != HttpStatusCode.OK) await Task.Delay(200);
        } while (status != HttpStatusCode.OK && back.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, status);
        output.WriteLine($"answers again {back.Elapsed.TotalSeconds:F1} s after PostgreSQL was started");
        // Nothing was written while it was down, and a write works again.
        Assert.Equal(before, await cluster.ScalarAsync<string>("select string_agg(id || ':' || version, ',' order by id) from grids"));
        var relock = new HttpRequestMessage(HttpMethod.Post, $"/api/grids/{grid}/lock");
        relock.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.SendAsync(relock)).StatusCode);
    }
}
