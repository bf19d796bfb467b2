using System.Globalization;
using System.Net;
using System.Text.Json;
using GridGeo.Api.Locate;
using GridGeo.Core.Model;
using Microsoft.Extensions.DependencyInjection;
using static GridGeo.Api.Tests.Locate.LocateTestDatabase;

namespace GridGeo.Api.Tests.Locate;

/// <summary>
/// With polling all but off (once an hour), a publish made outside the API process — through another connection, as
/// another process would — reaches the API by the database's notification (migration 0020) within a second.
/// </summary>
public class LocatorNotificationTests(LocatorNotificationTests.Database db) : IClassFixture<LocatorNotificationTests.Database>
{
    public sealed class Database : LocateTestDatabase
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("GridGeo:Locate:PollSeconds", "3600")];
    }

    private async Task<string?> GridAt(double lon, double lat)
    {
        var response = await db.Client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/locate?lon={lon:R}&lat={lat:R}"));
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("grid").GetProperty("code").GetString();
    }

    [Fact]
    public async Task A_publish_through_another_connection_is_answered_within_a_second_without_polling()
    {
        var provider = db.Factory.Services.GetRequiredService<ILocatorProvider>();
        await provider.RefreshAsync();
        var (lon, lat) = CentreOf(1, 4);
        Assert.Equal(CodeAt(1, 4), await GridAt(lon, lat));
        await Task.Delay(200); // the first snapshot's notifications (the fixture's own publish) settle

        var rows = Enumerable.Range(0, 10).Select(j =>
        {
            var code = "520102001001" + (700 + j).ToString("D3");
            return new Grid(code, code[..12], GridKinds.Basic, null, 0, [], Square(Lon0, Lat0 + j * Size, 5 * Size, Size));
        }).ToList();
        await db.PublishPlanAsync(rows);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await GridAt(lon, lat) != "520102001001704")
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "the new plan was not answered within 1 s");
            await Task.Delay(10);
        }
    }
}
