using GridGeo.Core.Editing;

namespace GridGeo.Api.Editing;

/// <summary>The problem+json answers of edits: 428 without If-Match, 412 on a stale ETag, 409 for a locked grid, 422 for a broken rule.</summary>
public static class EditProblems
{
    public static IResult PreconditionRequired(string why) =>
        Results.Problem(title: "Precondition required", detail: why, statusCode: StatusCodes.Status428PreconditionRequired);

    public static IResult PreconditionFailed(string code, string currentEtag) =>
        Results.Problem(title: "Precondition failed",
            detail: $"grid {code} has changed since it was read: its ETag is now {currentEtag}; read it again and redo the edit",
            statusCode: StatusCodes.Status412PreconditionFailed,
            extensions: new Dictionary<string, object?> { ["grid"] = code, ["etag"] = currentEtag });

    public static IResult Rejected(GridEditException ex) =>
        Results.Problem(title: ex.Rule == EditRules.Locked ? "Grid locked" : "Edit rejected",
            detail: ex.Message,
            statusCode: ex.Rule == EditRules.Locked ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["rule"] = ex.Rule, ["grid"] = ex.GridCode });
}
