namespace GridGeo.Core.Events;

/// <summary>
/// The life of an event (a resident's request or an incident, "五单"): <c>reported</c> (the resident orders) →
/// <c>dispatched</c> (the centre sends it to a person) → <c>accepted</c> (the grid takes it) → <c>resolved</c> →
/// <c>rated</c> (the public rates the result). Each step has one source status and one actor:
/// <list type="bullet">
/// <item><c>dispatch</c>: a planner of the event's street or an admin (the command centre);</item>
/// <item><c>accept</c> and <c>resolve</c>: the assigned person (an API key linked to them) or an admin;</item>
/// <item><c>rate</c>: the key that reported the event, or an admin.</item>
/// </list>
/// </summary>
public static class EventFlow
{
    public const string Reported = "reported";
    public const string Dispatched = "dispatched";
    public const string Accepted = "accepted";
    public const string Resolved = "resolved";
    public const string Rated = "rated";

    public static readonly IReadOnlyList<string> Statuses = [Reported, Dispatched, Accepted, Resolved, Rated];

    /// <summary>Statuses of an event still being worked on; open events count on the map and per worker.</summary>
    public static readonly IReadOnlyList<string> Open = [Reported, Dispatched, Accepted];

    public static readonly IReadOnlyList<string> Steps = ["dispatch", "accept", "resolve", "rate"];

    public static bool IsStatus(string? s) => s is not null && Statuses.Contains(s);

    /// <summary>The status a step starts from and the one it leads to; null for an unknown step.</summary>
    public static (string From, string To)? Transition(string step) => step switch
    {
        "dispatch" => (Reported, Dispatched),
        "accept" => (Dispatched, Accepted),
        "resolve" => (Accepted, Resolved),
        "rate" => (Resolved, Rated),
        _ => null,
    };

    /// <summary>Why <paramref name="step"/> cannot run on an event in <paramref name="status"/>; null when it can.</summary>
    public static string? Refusal(string step, string status)
    {
        var t = Transition(step);
        if (t is null) return $"unknown step \"{step}\"; steps: {string.Join(", ", Steps)}";
        return t.Value.From == status ? null : $"{step} needs an event that is {t.Value.From}, and this one is {status}";
    }
}
