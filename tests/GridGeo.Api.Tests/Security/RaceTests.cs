using System.Net;
using System.Text.Json;
using Dapper;
using GridGeo.Api.Tests.Editing;
using GridGeo.IO.Bundles;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Import;
using GridGeo.Storage.Plans;
using GridGeo.Testing;
using Xunit.Abstractions;

namespace GridGeo.Api.Tests.Security;

/// <summary>
/// The races of issue 12, each repeated: an edit and a publish of the same communities at once (never both answered 2xx;
/// the one answered 2xx is what is stored), two publishes of drafts of the same communities, a draft published after its
/// district was re-imported with other data (409 naming the change, the current plan intact), and several workers
/// claiming from one job queue (each job once).
/// </summary>
public sealed class RaceTests(GridGeoApiFactory api, ITestOutputHelper output) : IClassFixture<GridGeoApiFactory>
{
    private static int _county = 380100;

    private static string NextCounty() => Interlocked.Increment(ref _county).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Communities(string county) => [TestBundle.CommunityCode(county, 1), TestBundle.CommunityCode(county, 2)];

    /// <summary>A county with a published plan and a completed draft of the same communities, recorded as computed now.</summary>
    private async Task<(long Current, long Draft)> SeedAsync(string county)
    {
        var current = await api.SeedPublishedPlanAsync(county);
        return (current, await DraftAsync(county));
    }

    private async Task<long> DraftAsync(string county)
    {
        var plans = new PlanStore(api.Database.DataSource);
        var draft = await plans.CreateDraftAsync(PlanKinds.Partition, new { county });
        await plans.RecordComputedFromAsync(draft, Communities(county));
        await plans.SaveGridsAsync(draft, TestGrids.HalvesOf(county));
        await plans.CompleteAsync(draft, new { grids = 4 });
        return draft;
    }

    private async Task<T> ScalarAsync<T>(string sql, object args)
    {
        await using var conn = await api.Database.DataSource.OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    [Fact]
    public async Task An_edit_racing_a_publish_is_never_lost()
    {
        var admin = await EditClient.WithKeyAsync(api, ApiRoles.Admin);
        var outcomes = new Dictionary<string, int>();
        for (var round = 0; round < 8; round++)
        {
            var county = NextCounty();
            var (current, draft) = await SeedAsync(county);
            var grid = $"{TestBundle.CommunityCode(county, 1)}001";
            var etag = await admin.ETagAsync(grid);
            var edit = admin.SendAsync(HttpMethod.Post, $"/api/grids/{grid}/lock", null, etag);
            var publish = admin.Http.PostAsync($"/api/plans/{draft}/publish", null);
            var (e, p) = (await edit, await publish);
            var key = $"edit {(int)e.StatusCode} / publish {(int)p.StatusCode}";
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            Assert.False(e.IsSuccessStatusCode && p.IsSuccessStatusCode, $"round {round}: both answered 2xx: {key}");
            Assert.True(e.IsSuccessStatusCode || p.IsSuccessStatusCode, $"round {round}: neither went through: {key} {await e.Content.ReadAsStringAsync()} {await p.Content.ReadAsStringAsync()}");
            (long Plan, bool Locked) row;
            await using (var conn = await api.Database.DataSource.OpenConnectionAsync())
                row = await conn.QuerySingleAsync<(long, bool)>("""
                    select g.plan_id, g.locked from grids g join plans p on p.id = g.plan_id and p.status = 'published'
                    where g.code = @grid and g.valid_to is null
                    """, new { grid });
            var (plan, locked) = row;
            if (e.IsSuccessStatusCode) Assert.Equal((current, true), (plan, locked));
            else
            {
                Assert.Equal(draft, plan);
                Assert.Contains(e.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.PreconditionFailed, HttpStatusCode.Conflict });
            }
            if (!p.IsSuccessStatusCode)
            {
                Assert.Equal(HttpStatusCode.Conflict, p.StatusCode);
                Assert.Contains(grid, await p.Content.ReadAsStringAsync());
            }
        }
        output.WriteLine("edit vs publish, 8 rounds: " + string.Join(", ", outcomes.Select(o => $"{o.Key} ×{o.Value}")));
    }

    [Fact]
    public async Task Two_drafts_of_the_same_communities_published_at_once_make_exactly_one_current()
    {
        var admin = await EditClient.WithKeyAsync(api, ApiRoles.Admin);
        for (var round = 0; round < 4; round++)
        {
            var county = NextCounty();
            var (_, a) = await SeedAsync(county);
            var b = await DraftAsync(county);
            var results = await Task.WhenAll(admin.Http.PostAsync($"/api/plans/{a}/publish", null), admin.Http.PostAsync($"/api/plans/{b}/publish", null));
            Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
            var winner = results[0].StatusCode == HttpStatusCode.OK ? a : b;
            Assert.Equal(4L, await ScalarAsync<long>("""
                select count(*) from grids g join plans p on p.id = g.plan_id and p.status = 'published'
                where g.valid_to is null and g.community_code = any(@communities) and g.plan_id = @winner
                """, new { communities = Communities(county), winner }));
            Assert.Equal(4L, await ScalarAsync<long>("""
                select count(*) from grids g join plans p on p.id = g.plan_id and p.status = 'published'
                where g.valid_to is null and g.community_code = any(@communities)
                """, new { communities = Communities(county) }));
        }
    }

    [Fact]
    public async Task A_draft_whose_district_was_reimported_with_other_data_is_409_naming_the_change_and_the_current_plan_stays()
    {
        var admin = await EditClient.WithKeyAsync(api, ApiRoles.Admin);
        var county = NextCounty();
        var (current, draft) = await SeedAsync(county);
        // The same district again, with more buildings and households per community.
        await new BundleImporter(api.Database.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write(county, buildingsPerCommunity: TestBundle.BuildingsPerCommunity + 1)));
        var response = await admin.Http.PostAsync($"/api/plans/{draft}/publish", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, text);
        var changes = JsonDocument.Parse(text).RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Contains(changes, c => c.Contains(TestBundle.CommunityCode(county, 1)) && c.Contains("households changed"));
        Assert.Contains(changes, c => c.Contains("buildings changed"));
        Assert.Equal("draft", (await new PlanStore(api.Database.DataSource).GetAsync(draft))!.Status);
        Assert.Equal(4L, await ScalarAsync<long>("select count(*) from grids where plan_id = @current and valid_to is null", new { current }));

        // The same data re-imported unchanged does not make a draft stale.
        var again = NextCounty();
        var (_, fresh) = await SeedAsync(again);
        await new BundleImporter(api.Database.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write(again)));
        var ok = await admin.Http.PostAsync($"/api/plans/{fresh}/publish", null);
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Workers_claiming_from_one_queue_take_each_job_once_and_an_abandoned_job_is_failed_with_its_reason()
    {
        var plans = new PlanStore(api.Database.DataSource);
        var jobs = new PlanJobStore(api.Database.DataSource);
        var ids = new List<long>();
        for (var i = 0; i < 24; i++)
        {
            var id = await plans.CreateDraftAsync(PlanKinds.Partition, new { i });
            await jobs.EnqueueAsync(id, new PlanRequest(["999999999999"]), ["999999999999"]);
            ids.Add(id);
        }
        var claimed = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (await jobs.ClaimAsync($"worker-{w}", staleSeconds: 3600, maxAttempts: 2) is { } job)
            {
                claimed.Add(job.PlanId);
                await jobs.FinishAsync(job.PlanId, $"worker-{w}", null);
            }
        })));
        // The app's own worker shares the queue: between it and the four here, each job was claimed exactly once.
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        await using (var conn = await api.Database.DataSource.OpenConnectionAsync())
        {
            var attempts = (await conn.QueryAsync<int>("select attempts from plan_jobs where plan_id = any(@ids)", new { ids = ids.ToArray() })).ToList();
            Assert.Equal(ids.Count, attempts.Count);
            Assert.All(attempts, a => Assert.Equal(1, a));
        }
        Assert.NotEmpty(claimed);

        // A job whose worker stopped beating after its last attempt: failed, and its draft says why.
        var abandoned = await plans.CreateDraftAsync(PlanKinds.Partition, new { });
        await jobs.EnqueueAsync(abandoned, new PlanRequest(["999999999999"]), ["999999999999"]);
        await using (var conn = await api.Database.DataSource.OpenConnectionAsync())
            await conn.ExecuteAsync("update plan_jobs set state = 'running', attempts = 2, worker = 'gone', heartbeat_at = now() - interval '1 hour' where plan_id = @abandoned", new { abandoned });
        Assert.Null(await jobs.ClaimAsync("worker-x", staleSeconds: 30, maxAttempts: 2));
        var plan = await plans.GetAsync(abandoned);
        Assert.Contains("interrupted 2 time(s)", plan!.Error);
        Assert.Equal("failed", await ScalarAsync<string>("select state from plan_jobs where plan_id = @abandoned", new { abandoned }));
    }
}
