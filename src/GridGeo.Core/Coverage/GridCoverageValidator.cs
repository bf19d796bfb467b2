using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Operation.Valid;

namespace GridGeo.Core.Coverage;

/// <summary>
/// The one definition of "the grids of a community are sound", used before anything is written (plan files, plan import,
/// edits, drafts) and by the tests: every grid is a valid, non-empty Polygon — or a MultiPolygon whose parts lie in
/// different pieces of the community (whole exclaves) — on <see cref="GridPrecision"/>; neighbouring grids share exactly
/// matching edges (NTS <see cref="NetTopologySuite.Coverage.CoverageValidator"/>); and measured on the community's
/// <see cref="FaceCoverage"/> (everything noded at <see cref="GridPrecision"/>) no part of the community is in no grid,
/// none in two, none of a grid outside its community, beyond <see cref="MaxAreaM2"/> m² per rule and community (slivers
/// that stay within one 1e-7° step of the community line, <see cref="SnapTolerance"/>, are how 7 decimals write a junction
/// on that line, not faults). Every
/// problem names its rule (<see cref="PlanRules"/>), grid code(s) and a WGS84 point.
/// </summary>
public static class GridCoverageValidator
{
    /// <summary>The most gap, overlap or outside area (m², per community and rule) a sound plan may have: rounding, not faults.</summary>
    public const double MaxAreaM2 = 0.01;

    /// <summary>One step of <see cref="GridPrecision"/> across its diagonal (degrees): how far snap-rounding may bend a line.</summary>
    public const double SnapTolerance = 1.5 / GridPrecision.Scale;

    /// <summary>The problems of one community's grids; none when they are sound.</summary>
    /// <param name="requireGridPrecision">Whether vertices must lie on <see cref="GridPrecision"/> (true before writing).</param>
    public static List<PlanProblem> Validate(Community community, IReadOnlyList<Grid> grids, bool requireGridPrecision = true,
        double maxAreaM2 = MaxAreaM2) =>
        Validate(community.Code, community.Boundary, grids, requireGridPrecision, maxAreaM2);

    public static List<PlanProblem> Validate(string communityCode, Geometry boundary, IReadOnlyList<Grid> grids, bool requireGridPrecision = true,
        double maxAreaM2 = MaxAreaM2) =>
        ValidateTiling(TilingTerms.Grids, communityCode, boundary, grids.Select(g => (g.Code, g.Boundary)).ToList(), requireGridPrecision, maxAreaM2);

    /// <summary>
    /// The same rules for any shapes that must tile an area (<paramref name="terms"/> name them in the messages): the grids
    /// of a community, or the liaison units of a grid. In each <see cref="PlanProblem"/>, <see cref="PlanProblem.GridCode"/>
    /// (and <see cref="PlanProblem.OtherGridCode"/>) name the shapes and <see cref="PlanProblem.CommunityCode"/> the area.
    /// </summary>
    public static List<PlanProblem> ValidateTiling(TilingTerms terms, string areaCode, Geometry boundary, IReadOnlyList<(string Code, Geometry Shape)> grids,
        bool requireGridPrecision = true, double maxAreaM2 = MaxAreaM2)
    {
        var communityCode = areaCode;
        var problems = new List<PlanProblem>();
        var allValid = true;
        var pieces = Enumerable.Range(0, boundary.NumGeometries).Select(boundary.GetGeometryN).Where(p => p is Polygon && !p.IsEmpty).ToList();
        foreach (var g in grids)
        {
            var b = g.Shape;
            if (b is not (Polygon or MultiPolygon) || b.IsEmpty)
            {
                allValid = false;
                problems.Add(new PlanProblem(PlanRules.InvalidGeometry, $"{terms.Part} {g.Code} is {(b.IsEmpty ? "empty" : "a " + b.GeometryType)}, not a polygon",
                    g.Code, CommunityCode: communityCode));
                continue;
            }
            var error = new IsValidOp(b).ValidationError;
            if (error is not null)
            {
                allValid = false;
                problems.Add(new PlanProblem(PlanRules.InvalidGeometry, $"{terms.Part} {g.Code}: {error.Message} at {error.Coordinate.X:F7} {error.Coordinate.Y:F7}",
                    g.Code, CommunityCode: communityCode, Lon: error.Coordinate.X, Lat: error.Coordinate.Y));
                continue;
            }
            if (requireGridPrecision && GridPrecision.FirstOffGrid(b) is { } off)
                problems.Add(new PlanProblem(PlanRules.Precision, $"{terms.Part} {g.Code} has a vertex off the 7-decimal grid at {off.X} {off.Y}",
                    g.Code, CommunityCode: communityCode, Lon: off.X, Lat: off.Y));
            if (b.NumGeometries > 1) problems.AddRange(SplitParts(terms, communityCode, g.Code, b, pieces));
        }
        if (grids.Count == 0) return problems;

        if (allValid && grids.Count > 1)
        {
            var shapes = grids.Select(g => g.Shape).ToArray();
            var invalid = NetTopologySuite.Coverage.CoverageValidator.Validate(shapes);
            for (var i = 0; i < invalid.Length; i++)
            {
                if (invalid[i] is null || invalid[i].IsEmpty) continue;
                var at = invalid[i].Coordinate;
                problems.Add(new PlanProblem(PlanRules.CoverageEdges,
                    $"{terms.Part} {grids[i].Code}'s boundary does not match its neighbours' edges exactly near {at.X:F7} {at.Y:F7} " +
                    "(an overlap, or a shared edge with vertices on one side only)",
                    grids[i].Code, CommunityCode: communityCode, Lon: at.X, Lat: at.Y));
            }
        }

        problems.AddRange(AreaProblems(terms, communityCode, boundary, grids, maxAreaM2));
        return problems;
    }

    /// <summary>Validates every community's grids (in parallel); a grid naming a community not listed is a problem.</summary>
    public static List<PlanProblem> ValidateAll(IReadOnlyList<Community> communities, IReadOnlyList<Grid> grids, bool requireGridPrecision = true,
        int parallelism = 1, double maxAreaM2 = MaxAreaM2)
    {
        var byCommunity = grids.ToLookup(g => g.CommunityCode);
        var results = new List<PlanProblem>[communities.Count];
        Parallel.For(0, communities.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
            i => results[i] = Validate(communities[i], byCommunity[communities[i].Code].ToList(), requireGridPrecision, maxAreaM2));
        var problems = results.SelectMany(r => r).ToList();
        var known = communities.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var g in grids.Where(g => !known.Contains(g.CommunityCode)))
            problems.Add(new PlanProblem(PlanRules.UnknownCommunity, $"grid {g.Code} names community {g.CommunityCode}, which is not known",
                g.Code, CommunityCode: g.CommunityCode));
        return problems;
    }

    /// <summary>One line naming the grids and rules of <paramref name="problems"/> (for exceptions and CLI errors).</summary>
    public static string Describe(IReadOnlyList<PlanProblem> problems, int max = 10)
    {
        var lines = problems.Take(max).Select(p => $"[{p.Rule}] {p.Message}");
        var more = problems.Count > max ? $"; and {problems.Count - max} more" : "";
        return string.Join("; ", lines) + more;
    }

    private static IEnumerable<PlanProblem> SplitParts(TilingTerms terms, string communityCode, string code, Geometry shape, List<Geometry> pieces)
    {
        var used = new HashSet<int>();
        for (var p = 0; p < shape.NumGeometries; p++)
        {
            var part = shape.GetGeometryN(p);
            var probe = part.InteriorPoint;
            var piece = pieces.FindIndex(x => x.Covers(probe));
            if (piece < 0 || used.Add(piece)) continue;
            yield return new PlanProblem(PlanRules.OnePolygon,
                $"{terms.Part} {code} has {shape.NumGeometries} parts and two of them lie in the same piece of {terms.Area} {communityCode}; " +
                $"a {terms.Part} is one polygon unless it takes in a whole exclave",
                code, CommunityCode: communityCode, Lon: probe.X, Lat: probe.Y);
            yield break;
        }
    }

    /// <summary>
    /// Whether a face is a sliver between the community line and a grid edge that nowhere leaves that line by more than one
    /// 1e-7° step (<see cref="SnapTolerance"/>): how a junction on the line is written at 7 decimals (snap-rounding bends the
    /// line through the junction's cell), not a fault.
    /// </summary>
    internal static Func<int, bool> AlongCommunityLine(Geometry boundary, FaceCoverage fc)
    {
        var line = new IndexedFacetDistance(boundary.Boundary);
        return face =>
        {
            var f = fc.Faces[face];
            // Thin (twice the area over the perimeter is its mean width) and hugging the line at every vertex.
            return 2 * f.Area / Math.Max(f.Length, double.Epsilon) <= SnapTolerance
                   && f.Coordinates.All(c => line.Distance(GridPrecision.Factory.CreatePoint(c)) <= SnapTolerance);
        };
    }

    private static IEnumerable<PlanProblem> AreaProblems(TilingTerms terms, string communityCode, Geometry boundary,
        IReadOnlyList<(string Code, Geometry Shape)> grids, double maxAreaM2)
    {
        var fc = FaceCoverage.Build(boundary, grids.Select(g => g.Shape).ToList());
        var alongCommunityLine = AlongCommunityLine(boundary, fc);
        var faults = new Dictionary<(string Rule, int A, int B), List<int>>();
        for (var i = 0; i < fc.Faces.Count; i++)
        {
            var owners = fc.ShapesOf[i];
            (string, int, int)? key = null;
            if (!fc.InCommunity[i] && owners.Count > 0) key = alongCommunityLine(i) ? null : (PlanRules.OutsideCommunity, owners[0], -1);
            else if (fc.InCommunity[i] && owners.Count == 0) key = alongCommunityLine(i) ? null : (PlanRules.Gap, -1, -1);
            else if (owners.Count > 1) key = (PlanRules.Overlap, owners[0], owners[1]);
            if (key is null) continue;
            if (!faults.TryGetValue(key.Value, out var list)) faults[key.Value] = list = [];
            list.Add(i);
        }
        foreach (var rule in new[] { PlanRules.Gap, PlanRules.Overlap, PlanRules.OutsideCommunity })
        {
            var ofRule = faults.Where(kv => kv.Key.Rule == rule).ToList();
            var total = ofRule.Sum(kv => kv.Value.Sum(i => fc.AreaM2[i]));
            if (total <= maxAreaM2) continue;
            foreach (var ((_, a, b), faces) in ofRule)
            {
                foreach (var part in fc.Components(faces).Select(c => (Faces: c, Area: c.Sum(i => fc.AreaM2[i]))).OrderByDescending(x => x.Area))
                {
                    if (part.Area < maxAreaM2 / 100) continue;
                    var p = fc.Outline(part.Faces).InteriorPoint.Coordinate;
                    var ga = a >= 0 ? grids[a].Code : null;
                    var gb = b >= 0 ? grids[b].Code : null;
                    var message = rule switch
                    {
                        PlanRules.Gap => $"{part.Area:F2} m² of {terms.Area} {communityCode} is covered by no {terms.Part}",
                        PlanRules.Overlap => $"{terms.Parts} {ga} and {gb} overlap by {part.Area:F2} m²",
                        _ => $"{terms.Part} {ga} has {part.Area:F2} m² outside {terms.Area} {communityCode}",
                    };
                    yield return new PlanProblem(rule, message, ga, gb, communityCode, Math.Round(p.X, 7), Math.Round(p.Y, 7), Math.Round(part.Area, 2));
                }
            }
        }
    }
}

/// <summary>What the shapes checked by <see cref="GridCoverageValidator.ValidateTiling"/> and the area they tile are called in messages.</summary>
public sealed record TilingTerms(string Part, string Parts, string Area)
{
    /// <summary>The grids of a community.</summary>
    public static TilingTerms Grids { get; } = new("grid", "grids", "community");

    /// <summary>The liaison units of a grid.</summary>
    public static TilingTerms LiaisonUnits { get; } = new("liaison unit", "liaison units", "grid");
}
