using System.Net;
using System.Text.Json;
using static GridGeo.Api.Tests.Locate.LocateTestDatabase;

namespace GridGeo.Api.Tests.Locate;

public class AddressSearchTests(LocateTestDatabase db) : IClassFixture<LocateTestDatabase>
{
    private async Task<List<JsonElement>> Search(string q, int? limit = null)
    {
        var url = "/api/locate/address?q=" + Uri.EscapeDataString(q) + (limit is null ? "" : $"&limit={limit}");
        var response = await db.Client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray().ToList();
    }

    private static string Household(JsonElement r) => r.GetProperty("household_id").GetString()!;

    [Fact]
    public async Task The_exact_address_comes_first_with_score_1_and_its_grid_and_liaison_unit()
    {
        var results = await Search(AddressPrefix + "2单元102室");
        var first = results[0];
        Assert.Equal("B1-2-102", Household(first));
        Assert.Equal(AddressPrefix + "2单元102室", first.GetProperty("address").GetString());
        Assert.Equal("B1", first.GetProperty("building_id").GetString());
        Assert.Equal(1.0, first.GetProperty("score").GetDouble());
        Assert.Equal(UnitGrid, first.GetProperty("grid").GetProperty("code").GetString());
        Assert.Equal(UnitGrid + "002", first.GetProperty("liaison_unit").GetProperty("code").GetString());
        Assert.All(results.Skip(1), r => Assert.True(r.GetProperty("score").GetDouble() <= 1.0));
    }

    [Theory]
    [InlineData("幸福路12号3栋1单元201室")]                       // no province, city, district, street
    [InlineData("南明区幸福路12号3栋1单元201室")]                  // no city
    [InlineData("贵阳市花果园街道幸福路12号3栋1单元201")]           // no district, no 室
    [InlineData("幸福路１２号３栋１单元２０１室")]                   // full-width digits
    [InlineData("幸福路12号3号楼1单元201室")]                     // 号楼 for 栋
    [InlineData("幸福路12号3幢1单元201室")]                       // 幢 for 栋
    [InlineData("幸福路12号3-1-201")]                             // building-unit-room
    [InlineData("幸福路12号3栋1-201")]                            // unit-room
    public async Task Spelling_variants_and_missing_parts_find_the_household_first(string q)
    {
        var results = await Search(q);
        Assert.Equal("B1-1-201", Household(results[0]));
        Assert.Equal(1.0, results[0].GetProperty("score").GetDouble());
    }

    [Theory]
    [InlineData("幸福路12号3栋1单元201至")]   // a wrong character
    [InlineData("幸福璐12号3栋1单元201室")]   // a typo in the road
    [InlineData("幸福路12号3栋1元201室")]     // a character missing
    public async Task Typos_still_find_the_household_first(string q)
    {
        var results = await Search(q);
        Assert.NotEmpty(results);
        Assert.Equal("B1-1-201", Household(results[0]));
        Assert.InRange(results[0].GetProperty("score").GetDouble(), 0.25, 0.999);
    }

    [Fact]
    public async Task Results_are_best_first_and_respect_the_limit()
    {
        var results = await Search("幸福路12号3栋2单元", limit: 3);
        Assert.InRange(results.Count, 1, 3);
        var scores = results.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Fact]
    public async Task An_address_that_resembles_nothing_gives_no_results()
    {
        Assert.Empty(await Search("Landstrasse 12 Vaduz"));
    }

    [Fact]
    public async Task A_door_plate_of_a_building_with_no_household_on_record_answers_the_building_and_its_grid()
    {
        var results = await Search("幸福路12号3栋3单元101室");
        var first = results[0];
        Assert.Equal(JsonValueKind.Null, first.GetProperty("household_id").ValueKind);
        Assert.Equal("B1", first.GetProperty("building_id").GetString());
        Assert.Equal(UnitGrid, first.GetProperty("grid").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("liaison_unit").ValueKind);
        Assert.InRange(first.GetProperty("score").GetDouble(), 0.5, 0.999);
    }

    [Fact]
    public async Task A_household_added_to_the_database_is_found_within_a_second()
    {
        const string address = "贵州省贵阳市南明区花果园街道幸福路12号3栋1单元301室";
        await db.ExecAsync("insert into households (id, county_code, building_id, unit, floor, room, address, location) values " +
                           "('B1-1-301', '520102', 'B1', 1, 3, '301', @a, (select location from buildings where id = 'B1'))", ("a", address));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var results = await Search("幸福路12号3栋1单元301室");
            if (results.Count > 0 && results[0].GetProperty("household_id").ValueKind == JsonValueKind.String)
            {
                Assert.Equal("B1-1-301", Household(results[0]));
                break;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the new household was not found within 5 s");
            await Task.Delay(20);
        }
        await db.ExecAsync("delete from households where id = 'B1-1-301'");
    }
}
