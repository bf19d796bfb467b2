using System.Globalization;
using System.Text;
using GridGeo.Core.Generation;
using GridGeo.Core.Geo;
using GridGeo.Core.Lookup;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace GridGeo.Core.Tests.Lookup;

/// <summary>
/// The variant corpus: door plates of a generated district as people write them — as stored, without the province /
/// city / district / street prefix, with full-width digits, as 3-2-302, with 号楼 / 幢 / 座 for 栋, by compound name,
/// with one wrong character in the compound or road name, without 室 — each answered with the grid of its household
/// (buildings split by stair unit included). Exact door plates must reach 99 %, every variant kind 95 %.
/// </summary>
public class DoorPlateCorpusTests(ITestOutputHelper output)
{
    private static readonly string[] BuildingWords = ["号楼", "幢", "座"];
    private static readonly char[] WrongCharacters = "甲乙丙丁戊己庚壬癸鑫淼焱垚犇骉".ToCharArray();

    [Fact]
    public void Door_plates_and_their_variants_find_the_right_grid()
    {
        var bundle = DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = 20_000, Seed = 7 });
        var households = bundle.Households!;
        var compounds = bundle.CompoundList.ToDictionary(c => c.Id, c => c.Name);
        var builder = new DoorPlateIndexBuilder();
        foreach (var b in bundle.Buildings)
            builder.AddBuilding(b.Id, b.Address, b.CompoundId is null ? null : compounds.GetValueOrDefault(b.CompoundId), b.Location.X, b.Location.Y);
        foreach (var h in households) builder.AddHousehold(h.Id, h.BuildingId, h.Unit, h.Room, h.Address);
        var index = builder.Build();

        // A plan: each community's buildings in runs of ~400 households; every 7th building of several units split by unit.
        var grids = new List<Grid>();
        var gridOfHousehold = new Dictionary<string, string>();
        var byBuilding = households.GroupBy(h => h.BuildingId).ToDictionary(g => g.Key, g => g.ToList());
        var buildingNo = 0;
        foreach (var community in bundle.Buildings.GroupBy(b => b.CommunityCode!))
        {
            var members = new List<string>();
            var count = 0;
            void Close()
            {
                if (members.Count == 0) return;
                var code = community.Key + (grids.Count(g => g.CommunityCode == community.Key) + 1).ToString("D3", CultureInfo.InvariantCulture);
                grids.Add(new Grid(code, community.Key, GridKinds.Basic, null, count, members.ToList(),
                    GeoFactory.Wgs84.CreatePolygon([new(grids.Count, 0), new(grids.Count + 0.5, 0), new(grids.Count + 0.5, 0.5), new(grids.Count, 0.5), new(grids.Count, 0)])));
                members.Clear();
                count = 0;
            }
            string NextCode() => community.Key + (grids.Count(g => g.CommunityCode == community.Key) + 1).ToString("D3", CultureInfo.InvariantCulture);
            foreach (var b in community)
            {
                var rows = byBuilding.GetValueOrDefault(b.Id) ?? [];
                if (b.Units > 1 && ++buildingNo % 7 == 0)
                {
                    Close();
                    foreach (var unit in rows.Select(r => r.Unit).Distinct())
                    {
                        var code = NextCode();
                        members.Add(b.Id + "#" + unit);
                        foreach (var r in rows.Where(r => r.Unit == unit)) gridOfHousehold[r.Id] = code;
                        count = rows.Count(r => r.Unit == unit);
                        Close();
                    }
                    continue;
                }
                var current = NextCode();
                members.Add(b.Id);
                foreach (var r in rows) gridOfHousehold[r.Id] = current;
                count += rows.Count;
                if (count >= 400) Close();
            }
            Close();
        }
        var placed = DoorPlateGrids.Build(index, GridLocator.Build(grids), []);

        var random = new Random(11);
        var sample = Enumerable.Range(0, 3_000).Select(_ => households[random.Next(households.Count)]).ToList();
        var kinds = new Dictionary<string, (int Right, int Total)>();
        var misses = new List<string>();
        void Check(string kind, string query, Household h)
        {
            var results = index.Search(query, 1);
            var right = results.Count > 0 && grids.ElementAtOrDefault(placed.GridOf(results[0]))?.Code == gridOfHousehold[h.Id];
            var (r, t) = kinds.GetValueOrDefault(kind);
            kinds[kind] = (r + (right ? 1 : 0), t + 1);
            if (!right && misses.Count < 20) misses.Add($"{kind}: {query} (household {h.Id})");
        }

        var buildings = bundle.Buildings.ToDictionary(b => b.Id);
        foreach (var h in sample)
        {
            var plate = h.Address[(h.Address.IndexOfAny(['道', '镇']) + 1)..];
            Check("exact", h.Address, h);
            Check("no prefix", plate, h);
            Check("no province or city", h.Address[(h.Address.IndexOf('市') + 1)..], h);
            Check("full-width digits", FullWidth(h.Address), h);
            if (plate.EndsWith('室'))
            {
                Check("no 室", h.Address[..^1], h);
                var p = DoorPlate.Parse(plate);
                Check("3-2-302", $"{p.Road}{p.Number}号{p.Building}-{p.Unit}-{p.Room}", h);
                Check("号楼/幢/座", plate.Replace("栋", BuildingWords[random.Next(BuildingWords.Length)]), h);
                var b = buildings[h.BuildingId];
                if (b.CompoundId is not null && compounds.TryGetValue(b.CompoundId, out var name))
                {
                    Check("compound name", $"{name}{p.Building}栋{p.Unit}单元{p.Room}室", h);
                    Check("one wrong character in the compound name", $"{Misspell(name, random)}{p.Building}栋{p.Unit}单元{p.Room}室", h);
                }
                Check("one wrong character in the road name", Misspell(p.Road, random) + plate[p.Road.Length..], h);
            }
        }

        var report = new StringBuilder();
        foreach (var (kind, (right, total)) in kinds) report.AppendLine(CultureInfo.InvariantCulture, $"{kind}: {right}/{total} = {100.0 * right / total:F1}%");
        output.WriteLine(report.ToString());
        foreach (var m in misses) output.WriteLine("miss " + m);
        var exact = kinds["exact"];
        Assert.True(exact.Right >= 0.99 * exact.Total, report.ToString());
        var variants = kinds.Where(k => k.Key != "exact").ToList();
        Assert.All(variants, k => Assert.True(k.Value.Right >= 0.95 * k.Value.Total, $"{k.Key}\n{report}"));
        Assert.True(variants.Sum(k => k.Value.Right) >= 0.95 * variants.Sum(k => k.Value.Total), report.ToString());
    }

    private static string FullWidth(string s) =>
        new(s.Select(c => c is >= '0' and <= '9' ? (char)(c + 0xFEE0) : c).ToArray());

    /// <summary>One character of the name (not its last, the kind word's end) replaced by one found in no generated name.</summary>
    private static string Misspell(string name, Random random)
    {
        var chars = name.ToCharArray();
        chars[random.Next(Math.Max(1, chars.Length - 1))] = WrongCharacters[random.Next(WrongCharacters.Length)];
        return new string(chars);
    }
}
