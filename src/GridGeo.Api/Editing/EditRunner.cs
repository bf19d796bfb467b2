using System.Security.Claims;
using GridGeo.Api.Auth;
using GridGeo.Api.Grids;
using GridGeo.Api.Locate;
using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Core.Editing;
using GridGeo.Storage.Editing;

namespace GridGeo.Api.Editing;

/// <summary>
/// The common path of every grid edit, so that handlers only say what the edit is: the code is checked (400), the grid
/// found (404), the caller's streets checked (403), <c>If-Match</c> required (428) and compared with the current ETag of
/// each grid named (412); then, in one transaction with the community's grids locked, the Core edit runs, its outcome is
/// validated (locked grid: 409, broken rule: 422, both naming the rule and grid) and committed with its audit entry;
/// the grid locator is then told to rebuild, so "which grid" answers from the edited plan without waiting for its poll.
/// The answer is 200 with the grids left, their new ETags and any bounds warnings.
/// </summary>
public sealed class EditRunner(GridEditStore store, EditOptions options, ILocatorProvider locator, Staffing.StaffDirectory staff)
{
    public async Task<IResult> RunAsync(
        HttpContext http, string code, IReadOnlyList<string> matchCodes, Func<GridEditScope, GridEditOutcome> edit, CancellationToken ct,
        Action<Dictionary<string, object?>, GridEditScope, GridEditOutcome, EditReceipt>? extend = null)
    {
        foreach (var c in matchCodes.Prepend(code))
        {
            if (!AdminCodes.IsGridCode(c)) return ApiProblems.BadParameter("code", $"must be a 15-digit grid code, not \"{c}\"");
        }
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
            return EditProblems.PreconditionRequired($"an edit of grid {code} needs If-Match with the grid's ETag (from GET /api/grids/{code})");
        var community = await store.CommunityOfAsync(code, ct);
        if (community is null) return ApiProblems.NotFound($"no current grid has the code {code}");
        var denied = StreetScope.Check(http, matchCodes.Prepend(code));
        if (denied is not null) return denied;

        await using var session = await store.BeginAsync(community, ct);
        if (session is null) return ApiProblems.NotFound($"no current grid has the code {code}");
        var tags = IfMatchTags(ifMatch);
        foreach (var c in matchCodes.Prepend(code).Distinct())
        {
            if (!session.Stored.TryGetValue(c, out var stored))
                return ApiProblems.NotFound($"no current grid of community {community} has the code {c}");
            var etag = GridsApi.ETagOf(stored);
            if (!tags.Contains("*") && !tags.Contains(etag))
                return EditProblems.PreconditionFailed(c, etag);
        }

        GridEditOutcome outcome;
        IReadOnlyList<BoundsWarning> warnings;
        try
        {
            outcome = edit(session.Scope);
            warnings = GridEditValidator.Validate(session.Scope, outcome, options.Min, options.Max);
            outcome = GridEditGate.Apply(session.Scope, outcome);
        }
        catch (GridEditException ex)
        {
            return EditProblems.Rejected(ex);
        }
        denied = StreetScope.Check(http, outcome.Touched);
        if (denied is not null) return denied;

        var receipt = await session.CommitAsync(outcome, ApiKeyClaims.Who(http.User), ct);
        // "Which grid" answers from the edited plan at once, not only after the next fingerprint poll.
        locator.Invalidate();
        // The commit carried the grids' people along (StaffHandoverWriter); lookups name them at once.
        staff.Invalidate();
        var primary = receipt.Grids.FirstOrDefault(g => g.Code == code && !g.Removed);
        if (primary is not null) http.Response.Headers.ETag = $"\"{primary.Id}-{primary.Version}\"";
        var after = outcome.After.ToDictionary(g => g.Code);
        var answer = new Dictionary<string, object?>
        {
            ["action"] = outcome.Action,
            ["audit_id"] = receipt.AuditId,
            ["at"] = receipt.At,
            ["grids"] = receipt.Grids.Select(g => Figures(g, after.GetValueOrDefault(g.Code))).ToList(),
            ["warnings"] = warnings.Select(w => new { grid = w.GridCode, rule = w.Rule, households = w.Households, min = w.Min, max = w.Max, message = w.Message }).ToList(),
        };
        extend?.Invoke(answer, session.Scope, outcome, receipt);
        return Results.Json(answer);
    }

    /// <summary>A grid's figures after an edit: code, version, ETag, households, buildings, kind, locked (or removed).</summary>
    public static Dictionary<string, object?> Figures(EditedGrid g, EditableGrid? after) => new()
    {
        ["code"] = g.Code,
        ["version"] = g.Version,
        ["etag"] = $"\"{g.Id}-{g.Version}\"",
        ["removed"] = g.Removed,
        ["households"] = after?.Grid.Households,
        ["buildings"] = after?.Members.Count,
        ["kind"] = after?.Grid.Kind,
        ["locked"] = after?.Locked ?? false,
    };

    private static HashSet<string> IfMatchTags(string header) =>
        header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t)
            .ToHashSet(StringComparer.Ordinal);
}
