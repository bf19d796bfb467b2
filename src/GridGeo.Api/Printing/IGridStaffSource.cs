using GridGeo.Rendering.Boards;

namespace GridGeo.Api.Printing;

/// <summary>
/// Who serves a grid, for its printed notice board: the grid head, grid worker and a liaison head per liaison unit.
/// <b>The seam to the roster:</b> the service registers <see cref="NoGridStaff"/> until the roster exists; the roster
/// replaces that registration (<c>services.AddSingleton&lt;IGridStaffSource, …&gt;()</c> after <c>AddPrinting()</c>,
/// or before it: <c>AddPrinting</c> only adds the default when none is registered). An empty answer prints blank lines
/// to fill in by hand.
/// </summary>
public interface IGridStaffSource
{
    /// <summary>The people serving the current grid <paramref name="gridCode"/>; empty when none are known.</summary>
    Task<IReadOnlyList<GridStaffMember>> GetStaffAsync(string gridCode, CancellationToken ct);
}

/// <summary>The staff source while no roster is kept: nobody is known, so boards print blank lines.</summary>
public sealed class NoGridStaff : IGridStaffSource
{
    public Task<IReadOnlyList<GridStaffMember>> GetStaffAsync(string gridCode, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<GridStaffMember>>([]);
}
