namespace GridGeo.Core.Staffing;

/// <summary>A person on the roster: id, name, phone, role (<see cref="StaffRoles"/>), street (9 digits) and the codes served.</summary>
public sealed record StaffPerson(long Id, string Name, string Phone, string Role, string Street, IReadOnlyList<string> Assignments);

/// <summary>One of the people serving a grid, as a notice board or a lookup lists them: role, name, phone, and the liaison unit for a liaison head.</summary>
public sealed record ServingPerson(long Id, string Role, string Name, string Phone, string? LiaisonUnitCode);
