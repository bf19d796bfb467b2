using System.Globalization;
using GridGeo.Core;
using GridGeo.Core.Staffing;
using GridGeo.IO.Csv;

namespace GridGeo.IO.Staffing;

/// <summary>
/// The roster as CSV (UTF-8, header row): <c>id,name,phone,role,street,assignments</c>, one person per line;
/// <c>assignments</c> lists the grid or liaison-unit codes separated by spaces or semicolons; an empty <c>id</c> adds a
/// person on import. The reader checks the columns and the id; the person's own rules are checked by the importer
/// (<see cref="StaffPersonRules"/>) so that every source meets the same rules.
/// </summary>
public static class RosterCsv
{
    public static readonly string[] Columns = ["id", "name", "phone", "role", "street", "assignments"];

    public static IReadOnlyList<(int Line, long? Id, StaffPersonInput Input)> Read(TextReader reader, string source)
    {
        var header = reader.ReadLine()?.TrimStart('\uFEFF');
        if (header is null) throw new BadInputException(source, null, "the file is empty; it needs the header id,name,phone,role,street,assignments");
        var names = CsvLine.Split(header).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var index = Columns.ToDictionary(c => c, c => names.IndexOf(c));
        var missing = Columns.Where(c => c != "id" && c != "street" && index[c] < 0).ToList();
        if (missing.Count > 0) throw new BadInputException(source, "line 1", $"the header lacks the column(s) {string.Join(", ", missing)}");
        var rows = new List<(int, long?, StaffPersonInput)>();
        var lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            var f = CsvLine.Split(line);
            string Field(string c) => index[c] >= 0 && index[c] < f.Count ? f[index[c]].Trim() : "";
            long? id = null;
            var idText = Field("id");
            if (idText.Length > 0)
            {
                if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    throw new BadInputException(source, $"line {lineNo}", $"id: \"{idText}\" is not a positive whole number");
                id = n;
            }
            var codes = Field("assignments").Split([' ', ';', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var street = Field("street");
            rows.Add((lineNo, id, new StaffPersonInput(Field("name"), Field("phone"), Field("role"), street.Length == 0 ? null : street, codes)));
        }
        return rows;
    }

    public static void Write(TextWriter writer, IEnumerable<StaffPerson> people)
    {
        writer.Write(string.Join(',', Columns));
        writer.Write('\n');
        foreach (var p in people)
        {
            writer.Write(string.Join(',', p.Id.ToString(CultureInfo.InvariantCulture), CsvLine.Escape(p.Name), CsvLine.Escape(p.Phone), p.Role, p.Street,
                string.Join(' ', p.Assignments)));
            writer.Write('\n');
        }
    }
}
