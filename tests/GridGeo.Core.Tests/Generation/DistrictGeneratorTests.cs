using System.Text.RegularExpressions;
using GridGeo.Core;
using GridGeo.Core.Generation;
using GridGeo.Core.Model;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace GridGeo.Core.Tests.Generation;

/// <summary>One generated district shared by the property tests: 20,000 households, seven communities.</summary>
public sealed class GeneratedDistrict
{
    public DistrictGeneratorOptions Options { get; } = new() { Households = 20_000, Seed = 7 };
    public DistrictBundle Bundle { get; }

    public GeneratedDistrict() => Bundle = DistrictGenerator.Generate(Options);
}

public sealed class DistrictGeneratorTests(GeneratedDistrict district) : IClassFixture<GeneratedDistrict>
{
    private DistrictBundle Bundle => district.Bundle;

    [Fact]
    public void Communities_tile_the_district_without_gap_or_overlap()
    {
        var boundaries = Bundle.Communities.Select(c => c.Boundary).ToList();
        var union = CascadedPolygonUnion.Union(boundaries);
        var sum = boundaries.Sum(b => b.Area);
        Assert.Equal(sum, union.Area, sum * 1e-9);
        for (var i = 0; i < union.NumGeometries; i++)
            Assert.Equal(0, ((Polygon)union.GetGeometryN(i)).NumInteriorRings);
        Assert.Equal(1, union.NumGeometries);

        for (var i = 0; i < boundaries.Count; i++)
            for (var j = i + 1; j < boundaries.Count; j++)
                if (boundaries[i].EnvelopeInternal.Intersects(boundaries[j].EnvelopeInternal))
                    Assert.True(boundaries[i].Intersection(boundaries[j]).Area < sum * 1e-12,
                        $"communities {Bundle.Communities[i].Code} and {Bundle.Communities[j].Code} overlap");
    }

    [Fact]
    public void Every_polygon_is_valid()
    {
        foreach (var c in Bundle.Communities) Assert.True(c.Boundary.IsValid, $"community {c.Code} is invalid");
        foreach (var c in Bundle.CompoundList) Assert.True(c.Boundary.IsValid, $"compound {c.Id} is invalid");
        foreach (var d in Bundle.DedicatedList) Assert.True(d.Boundary.IsValid, $"dedicated area {d.Id} is invalid");
        foreach (var b in Bundle.BarrierList) Assert.True(b.Line is LineString or MultiLineString);
    }

    [Fact]
    public void Geometry_is_snapped_once_onto_the_7_decimal_grid_and_communities_form_an_exact_coverage()
    {
        var shapes = Bundle.Communities.Select(c => c.Boundary).Concat(Bundle.CompoundList.Select(c => c.Boundary))
            .Concat(Bundle.DedicatedList.Select(d => d.Boundary)).Concat(Bundle.BarrierList.Select(b => b.Line))
            .Concat(Bundle.Buildings.Select(b => (Geometry)b.Location));
        Assert.All(shapes, g => Assert.True(Core.Geo.GridPrecision.IsOnGrid(g), $"a vertex off the 1e-7° grid at {Core.Geo.GridPrecision.FirstOffGrid(g)}"));
        // Neighbouring communities share identical edges (NTS CoverageValidator finds no mismatched or overlapping edge).
        var invalid = NetTopologySuite.Coverage.CoverageValidator.Validate(Bundle.Communities.Select(c => c.Boundary).ToArray());
        Assert.All(invalid.Select((g, i) => (g, i)), x => Assert.True(x.g is null || x.g.IsEmpty,
            $"community {Bundle.Communities[x.i].Code} does not match its neighbours' edges near {x.g?.Coordinate}"));
    }

    [Fact]
    public void The_district_has_streets_villages_an_exclave_and_every_kind_of_place()
    {
        Assert.True(Bundle.Communities.Select(c => c.StreetCode).Distinct().Count() >= 2);
        Assert.Contains(Bundle.Communities, c => c.Boundary is MultiPolygon { NumGeometries: 2 });
        Assert.Contains(Bundle.Communities, c => c.Name.EndsWith('村'));
        Assert.Contains(Bundle.Communities, c => c.Boundary is Polygon { NumInteriorRings: > 0 });
        foreach (var kind in new[] { "school", "market", "park" }) Assert.Contains(Bundle.DedicatedList, d => d.Kind == kind);
        foreach (var kind in new[] { BarrierKinds.River, BarrierKinds.MajorRoad, BarrierKinds.MinorRoad })
            Assert.Contains(Bundle.BarrierList, b => b.Kind == kind);
        Assert.Contains(Bundle.CompoundList, c => Bundle.Buildings.Count(b => b.CompoundId == c.Id && b.Households == 264) == 10);
        Assert.Contains(Bundle.Buildings, b => b.CompoundId is null && b.DedicatedId is null && b.Floors is >= 4 and <= 6);
        Assert.Contains(Bundle.Buildings, b => b.DedicatedId is not null && b.Households > 0);
        var exclave = Bundle.Communities.Single(c => c.Boundary is MultiPolygon);
        Assert.All(Enumerable.Range(0, exclave.Boundary.NumGeometries), i =>
            Assert.Contains(Bundle.Buildings, b => b.CommunityCode == exclave.Code && exclave.Boundary.GetGeometryN(i).Contains(b.Location)));
    }

    [Fact]
    public void Codes_follow_the_chain_and_ids_are_unique()
    {
        Assert.All(Bundle.Communities, c =>
        {
            Assert.True(AdminCodes.IsCommunityCode(c.Code));
            Assert.True(AdminCodes.IsStreetCode(c.StreetCode));
            Assert.StartsWith(c.StreetCode, c.Code);
            Assert.StartsWith(district.Options.CountyCode, c.StreetCode);
        });
        Assert.Equal(Bundle.Communities.Count, Bundle.Communities.Select(c => c.Code).Distinct().Count());
        Assert.Equal(Bundle.Buildings.Count, Bundle.Buildings.Select(b => b.Id).Distinct().Count());
        Assert.Equal(Bundle.Households!.Count, Bundle.Households.Select(h => h.Id).Distinct().Count());
        Assert.Equal(Bundle.CompoundList.Count, Bundle.CompoundList.Select(c => c.Id).Distinct().Count());
        Assert.Equal(Bundle.DedicatedList.Count, Bundle.DedicatedList.Select(d => d.Id).Distinct().Count());
        Assert.Equal(Bundle.Households.Count, Bundle.Households.Select(h => h.Address).Distinct().Count());
    }

    [Fact]
    public void Every_building_lies_inside_its_community_compound_and_dedicated_area()
    {
        var communities = Bundle.Communities.ToDictionary(c => c.Code, c => new IndexedPointInAreaLocator(c.Boundary));
        var compounds = Bundle.CompoundList.ToDictionary(c => c.Id, c => c.Boundary);
        var areas = Bundle.DedicatedList.ToDictionary(d => d.Id, d => d.Boundary);
        foreach (var b in Bundle.Buildings)
        {
            Assert.InRange(b.Location.X, -180, 180);
            Assert.InRange(b.Location.Y, -90, 90);
            Assert.Equal(Location.Interior, communities[b.CommunityCode!].Locate(b.Location.Coordinate));
            if (b.CompoundId is not null) Assert.True(compounds[b.CompoundId].Contains(b.Location), $"building {b.Id} lies outside its compound");
            else Assert.DoesNotContain(compounds.Values, c => c.Contains(b.Location));
            if (b.DedicatedId is not null) Assert.True(areas[b.DedicatedId].Contains(b.Location), $"building {b.Id} lies outside its dedicated area");
            else Assert.DoesNotContain(areas.Values, a => a.Contains(b.Location));
        }
        var codes = Bundle.Communities.Select(c => c.Code).ToHashSet();
        Assert.All(Bundle.CompoundList, c => Assert.True(Bundle.Communities.Single(x => x.Code == c.CommunityCode).Boundary.Contains(c.Boundary)));
        Assert.All(Bundle.DedicatedList, d => Assert.True(Bundle.Communities.Single(x => x.Code == d.CommunityCode).Boundary.Contains(d.Boundary)));
        Assert.All(Bundle.CompoundList, c => Assert.Contains(c.CommunityCode!, codes));
    }

    [Fact]
    public void Buildings_keep_off_every_barrier_line()
    {
        var metresPerDegreeX = 111_320 * Math.Cos(district.Options.CenterLat * Math.PI / 180);
        const double metresPerDegreeY = 110_574;
        var scale = NetTopologySuite.Geometries.Utilities.AffineTransformation.ScaleInstance(metresPerDegreeX, metresPerDegreeY);
        var lines = Bundle.BarrierList.Select(b => scale.Transform(b.Line)).ToList();
        var index = new NetTopologySuite.Index.Strtree.STRtree<Geometry>();
        foreach (var l in lines) index.Insert(l.EnvelopeInternal, l);
        foreach (var b in Bundle.Buildings)
        {
            var p = scale.Transform(b.Location);
            var near = new Envelope(p.Coordinate);
            near.ExpandBy(5);
            Assert.All(index.Query(near), l => Assert.True(l.Distance(p) >= 5, $"building {b.Id} sits {l.Distance(p):F1} m from a barrier"));
        }
    }

    [Fact]
    public void Towers_and_households_agree_with_units_and_floors()
    {
        var rows = Bundle.Households!.GroupBy(h => h.BuildingId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var b in Bundle.Buildings)
        {
            if (b.Floors >= 11)
            {
                Assert.Equal(b.Units * b.Floors * 2, b.Households);
                Assert.InRange(b.Households, 60, 264);
                Assert.InRange(b.Units, 2, 4);
                Assert.InRange(b.Floors, 11, 33);
            }
            Assert.True(b.Households <= b.Units * b.Floors * 4, $"building {b.Id}: {b.Households} households in {b.Units} units × {b.Floors} floors");
            var mine = rows.GetValueOrDefault(b.Id) ?? [];
            Assert.Equal(b.Households, mine.Count);
            Assert.All(mine, h =>
            {
                Assert.InRange(h.Unit, 1, b.Units);
                Assert.InRange(h.Floor, 1, b.Floors);
                Assert.Equal(b.Location.X, h.Lon);
                Assert.Equal(b.Location.Y, h.Lat);
                Assert.StartsWith("贵州省遵义市播州区", h.Address);
            });
            Assert.Equal(mine.Count, mine.Select(h => (h.Unit, h.Room)).Distinct().Count());
        }
    }

    [Fact]
    public void Addresses_are_door_plates()
    {
        var flat = new Regex(@"^贵州省遵义市播州区\w+(街道|镇)\w+(路|街|巷|大道)\d+号\d+栋\d+单元\d+室$");
        var house = new Regex(@"^贵州省遵义市播州区\w+镇\w+村\d+组\d+号(附\d+号)?$");
        foreach (var h in Bundle.Households!) Assert.True(flat.IsMatch(h.Address) || house.IsMatch(h.Address), h.Address);
        Assert.Contains(Bundle.Households, h => house.IsMatch(h.Address));
        Assert.All(Bundle.Buildings, b => Assert.Matches(@"^\w+((路|街|巷|大道)\d+号\d+栋|村\d+组\d+号)$", b.Address!));
    }

    [Theory]
    [InlineData(300, 3)]
    [InlineData(4_000, 11)]
    [InlineData(12_000, 5)]
    [InlineData(45_000, 2)]
    public void The_household_total_hits_the_target(int households, int seed)
    {
        var bundle = DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = households, Seed = seed });
        Assert.InRange(bundle.TotalHouseholds, households * 0.98, households * 1.02);
        Assert.Equal(bundle.TotalHouseholds, bundle.Households!.Count);
    }

    [Fact]
    public void The_same_seed_gives_the_same_district_and_another_seed_another()
    {
        var options = new DistrictGeneratorOptions { Households = 6_000, Seed = 42 };
        var a = DistrictGenerator.Generate(options);
        var b = DistrictGenerator.Generate(options);
        var c = DistrictGenerator.Generate(options with { Seed = 43 });
        Assert.Equal(Fingerprint(a), Fingerprint(b));
        Assert.NotEqual(Fingerprint(a), Fingerprint(c));
    }

    [Fact]
    public void Without_household_rows_the_counts_stay_on_the_buildings()
    {
        var options = new DistrictGeneratorOptions { Households = 6_000, Seed = 42 };
        var with = DistrictGenerator.Generate(options);
        var without = DistrictGenerator.Generate(options with { IncludeHouseholds = false });
        Assert.Null(without.Households);
        Assert.Equal(with.Buildings, without.Buildings);
    }

    private static string Fingerprint(DistrictBundle bundle) => string.Join("\n",
        bundle.Communities.Select(c => $"{c.Code} {c.Name} {c.Boundary.AsText()}")
            .Concat(bundle.Buildings.Select(b => b.ToString()))
            .Concat(bundle.Households!.Select(h => h.ToString()))
            .Concat(bundle.CompoundList.Select(c => $"{c.Id} {c.Name} {c.Boundary.AsText()}"))
            .Concat(bundle.DedicatedList.Select(d => $"{d.Id} {d.Kind} {d.Boundary.AsText()}"))
            .Concat(bundle.BarrierList.Select(b => $"{b.Kind} {b.Line.AsText()}")));
}
