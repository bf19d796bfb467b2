namespace GridGeo.Api.Locate;

/// <summary>
/// Hands out the current <see cref="LocatorSnapshot"/>. A snapshot is never changed: a new plan, a grid edit or new
/// liaison units produce a new snapshot, built off the request path and swapped in whole, so a request sees either
/// the old state or the new one, never a half-built index.
/// </summary>
public interface ILocatorProvider
{
    /// <summary>The snapshot in use, or null before the first one is built.</summary>
    LocatorSnapshot? Current { get; }

    /// <summary>The snapshot in use, waiting for the first build when there is none yet; null when it is not ready within <paramref name="wait"/>.</summary>
    ValueTask<LocatorSnapshot?> GetAsync(TimeSpan wait, CancellationToken ct = default);

    /// <summary>Asks for a rebuild from the database now (call after a publish or an edit); returns at once.</summary>
    void Invalidate();

    /// <summary>Rebuilds now if the database changed since the current snapshot, and returns the snapshot then in use.</summary>
    Task<LocatorSnapshot> RefreshAsync(CancellationToken ct = default);
}
