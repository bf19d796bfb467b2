namespace GridGeo.Storage.Editing;

/// <summary>
/// One audited change of grids: who made it, when, what (<see cref="Action"/>: lock, unlock, merge, split, redraw,
/// move, revert), the grids it touched and their states before and after (JSON text, see <see cref="GridStateJson"/>).
/// </summary>
public sealed record GridHistoryEntry(
    long Id,
    string Who,
    DateTimeOffset At,
    string Action,
    string Entity,
    string? BeforeJson,
    string? AfterJson,
    IReadOnlyList<string> Grids);

/// <summary>A grid as an edit left it: its code, row id and new version (its ETag is built from these).</summary>
public sealed record EditedGrid(string Code, long Id, int Version, bool Removed);

/// <summary>What a committed edit returns: the grids it left with their versions, and the audit entry that records it.</summary>
public sealed record EditReceipt(IReadOnlyList<EditedGrid> Grids, long AuditId, DateTimeOffset At);
