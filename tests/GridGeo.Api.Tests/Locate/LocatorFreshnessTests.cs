using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using GridGeo.Api.Locate;
using GridGeo.Core.Model;
using Microsoft.Extensions.DependencyInjection;
using static GridGeo.Api.Tests.Locate.LocateTestDatabase;

namespace GridGeo.Api.Tests.Locate;

/// <summary>Publishing replaces the answers without a restart; these tests publish, so they have their own database.</summary>
public class LocatorFreshnessTests(LocatorFreshnessTests.Database db) : IClassFixture<LocatorFreshnessTests.Database>
{
    public sealed class Database : LocateTestDatabase;

    private async Task<string?> GridAt(double lon, double lat)
    {
        var response = await db.Client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/locate?lon={lon:R}&lat={lat:R}"));
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("grid").GetProperty("code").GetString();
    }

    /// <summary>Community 520102001001 redrawn as one grid per row (5 columns wide) with sequence 9xx.</summary>
    private static List<Grid> RowPlan(int sequenceBase) =>
        Enumerable.Range(0, 10).Select(j =>
        {
            var code = "520102001001" + (sequenceBase + j).ToString("D3");
            return new Grid(code, code[..12], GridKinds.Basic, null, 0, [], Square(Lon0, Lat0 + j * Size, 5 * Size, Size));
        }).ToList();

    [Fact]
    public async Task A_publish_is_served_after_invalidate_and_refresh_without_a_restart()
    {
        var provider = db.Factory.Services.GetRequiredService<ILocatorProvider>();
        await provider.RefreshAsync();
        var (lon, lat) = CentreOf(1, 6);
        var before = await GridAt(lon, lat);

        await db.PublishPlanAsync(RowPlan(900));
        provider.Invalidate();
        var snapshot = await provider.RefreshAsync();

        Assert.NotEqual(before, await GridAt(lon, lat));
        Assert.Equal("520102001001906", await GridAt(lon, lat));
        Assert.Contains(snapshot.Grids.Grids, g => g.Code == "520102001001906");
        // The other community was not part of the new plan and is still answered by the old one.
        var (ox, oy) = CentreOf(7, 7);
        Assert.Equal(CodeAt(7, 7), await GridAt(ox, oy));
    }

    [Fact]
    public async Task A_publish_by_another_process_is_picked_up_by_polling()
    {
        var provider = db.Factory.Services.GetRequiredService<ILocatorProvider>();
        await provider.RefreshAsync();
        var (lon, lat) = CentreOf(3, 2);
        await db.PublishPlanAsync(RowPlan(800));

        // No Invalidate(): the poll (every 0.2 s in this host) must notice the changed fingerprint.
        string? now = null;
        for (var attempt = 0; attempt < 200 && now != "520102001001802"; attempt++)
        {
            await Task.Delay(100);
            now = await GridAt(lon, lat);
        }
        Assert.Equal("520102001001802", now);
    }

    [Fact]
    public async Task Requests_during_rebuilds_see_the_old_or_the_new_plan_never_a_gap()
    {
        var provider = db.Factory.Services.GetRequiredService<ILocatorProvider>();
        await provider.RefreshAsync();
        var points = Enumerable.Range(0, 50).Select(k => CentreOf(k % 5, k / 5)).ToList();
        var answers = new ConcurrentBag<string?>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var k = 0;
            while (!stop.IsCancellationRequested)
            {
                var (x, y) = points[k++ % points.Count];
                answers.Add(await GridAt(x, y));
            }
        })).ToList();

        for (var round = 0; round < 3; round++)
        {
            await db.PublishPlanAsync(RowPlan(700 - round * 100));
            provider.Invalidate();
            await provider.RefreshAsync();
        }
        stop.Cancel();
        await Task.WhenAll(readers);

        Assert.NotEmpty(answers);
        Assert.DoesNotContain(null, answers);
        Assert.All(answers, code => Assert.StartsWith("520102001001", code));
    }
}
