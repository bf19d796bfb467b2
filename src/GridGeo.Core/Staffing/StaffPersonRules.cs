using System.Text.RegularExpressions;

namespace GridGeo.Core.Staffing;

/// <summary>A person as a client sends it (POST/PUT /api/staff, a CSV line): the street may be left out when assignments name it.</summary>
public sealed record StaffPersonInput(string? Name, string? Phone, string? Role, string? Street, IReadOnlyList<string>? Assignments);

/// <summary>
/// The rules a roster entry must meet before it is stored, each failure a <see cref="BadInputException"/> naming the
/// source, the item and the field: a name of 1–100 characters, a phone number (digits, an optional leading +, spaces
/// and dashes; 5–24 characters), a known role, assignments of the role's kind (grid codes for grid workers and grid
/// heads, liaison-unit codes for liaison heads), and one street holding every assignment.
/// </summary>
public static partial class StaffPersonRules
{
    /// <summary>The person checked and normalised (trimmed, street resolved, assignments distinct and ordered).</summary>
    public static StaffPerson Validate(StaffPersonInput input, string source, string item, long id = 0)
    {
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
            throw new BadInputException(source, item, "name: must have 1 to 100 characters");
        var phone = input.Phone?.Trim();
        if (string.IsNullOrEmpty(phone) || !Phone().IsMatch(phone))
            throw new BadInputException(source, item, $"phone: \"{phone}\" is not a phone number (digits, optional leading +, spaces or dashes; 5–24 characters)");
        var role = input.Role?.Trim();
        if (!StaffRoles.IsKnown(role))
            throw new BadInputException(source, item, $"role: must be {string.Join(", ", StaffRoles.All)}, not \"{role}\"");
        var codes = (input.Assignments ?? []).Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var length = StaffRoles.CodeLength(role!);
        var bad = codes.FirstOrDefault(c => c.Length != length || !c.All(char.IsAsciiDigit));
        if (bad is not null)
            throw new BadInputException(source, item, $"assignments: a {role} serves {(length == AdminCodes.GridLength ? "grids (15-digit codes)" : "liaison units (18-digit codes)")}, not \"{bad}\"");
        var street = input.Street?.Trim();
        if (string.IsNullOrEmpty(street)) street = codes.Count > 0 ? AdminCodes.StreetOf(codes[0]) : null;
        if (street is null) throw new BadInputException(source, item, "street: required when the person has no assignments (a 9-digit street code)");
        if (!AdminCodes.IsStreetCode(street)) throw new BadInputException(source, item, $"street: must be a 9-digit street code, not \"{street}\"");
        var outside = codes.FirstOrDefault(c => AdminCodes.StreetOf(c) != street);
        if (outside is not null)
            throw new BadInputException(source, item, $"assignments: {outside} lies in street {AdminCodes.StreetOf(outside)}, not in the person's street {street}");
        return new StaffPerson(id, name, phone, role!, street, codes);
    }

    [GeneratedRegex(@"\A\+?[0-9][0-9 -]{4,23}\z")]
    private static partial Regex Phone();
}
