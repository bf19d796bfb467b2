using GridGeo.Rendering.Boards;
using GridGeo.Storage.Staffing;

namespace GridGeo.Api.Printing;

/// <summary>The people on a notice board, from the roster (<see cref="StaffStore.ServingGridAsync"/>).</summary>
public sealed class RosterGridStaff(StaffStore staff) : IGridStaffSource
{
    public async Task<IReadOnlyList<GridStaffMember>> GetStaffAsync(string gridCode, CancellationToken ct) =>
        (await staff.ServingGridAsync(gridCode, ct)).Select(p => new GridStaffMember(p.Role, p.Name, p.Phone, p.LiaisonUnitCode)).ToList();
}
