namespace GridGeo.Core.Lookup;

/// <summary>
/// A Chinese door plate (门牌) taken apart: the <em>place</em> — a road and its door number (光明路 + 3号) and/or a
/// compound or village name (幸福小区, 银杏村3组) — then the building (3栋, also 幢, 号楼, 座), the stair unit (2单元),
/// the floor (3层) and the room (302, also 附1 for a second household of a house). Parsed from the address's
/// <see cref="AddressKey"/>, so the province/city/district/street prefix is gone, digits are half-width and
/// <c>3-2-302</c> reads as 3栋2单元302. Parts the text does not give are empty.
/// </summary>
/// <param name="Road">The name before the door number (光明路, 银杏村3组), or the whole place when it has no number.</param>
/// <param name="Number">The door number without 号 (3), or empty.</param>
/// <param name="Compound">A compound name written after the door number (光明路3号<b>幸福小区</b>), or empty.</param>
/// <param name="Sloppy">True when the text was read with some tolerance: trailing characters after the room, or a unit
/// marker with a character missing (1元, 1单); a match is then not scored as exact.</param>
public sealed record DoorPlate(string Road, string Number, string Compound, string Building, string Unit, string Floor, string Room, bool Sloppy)
{
    /// <summary>The places the plate names, most specific first: (name, door number) pairs with the number empty for a compound.</summary>
    public IEnumerable<(string Name, string Number)> Places()
    {
        if (Road.Length > 0 || Number.Length > 0) yield return (Road, Number);
        if (Compound.Length > 0) yield return (Compound, "");
    }

    /// <summary>True when the plate names a place at all.</summary>
    public bool HasPlace => Road.Length > 0 || Compound.Length > 0;

    /// <summary>Parses <paramref name="address"/> (any spelling; see <see cref="AddressKey.Of"/>).</summary>
    public static DoorPlate Parse(string? address) => FromKey(AddressKey.Of(address));

    /// <summary>Parses a text already in <see cref="AddressKey"/> form.</summary>
    public static DoorPlate FromKey(string key)
    {
        var end = key.Length;
        var sloppy = false;
        // One or two stray characters after a final number (a typo for 室, a stray letter) are dropped.
        for (var junk = 1; junk <= 2 && end - junk - 1 >= 0; junk++)
        {
            var c = key[end - junk];
            if (IsDigit(key[end - junk - 1]) && !IsMarker(c) && !IsAlnum(c))
            {
                end -= junk;
                sloppy = true;
                break;
            }
            if (IsAlnum(c) || IsMarker(c)) break;
        }

        string room = "", floor = "", unit = "", building = "";
        var marked = false;
        // The room: "附N" (a second household of a house), or a run of digits/letters after a marker.
        var runStart = RunStart(key, end);
        if (runStart < end && runStart >= 2 && key[runStart - 1] == '附' && AllDigits(key, runStart, end))
        {
            room = "附" + key[runStart..end];
            end = runStart - 1;
        }
        else if (end >= 1 && key[end - 1] == '号' && end >= 2 && IsDigit(key[end - 2]))
        {
            // "…12号附1号": the room is 附1.
            var s = RunStart(key, end - 1);
            if (s >= 1 && key[s - 1] == '附')
            {
                room = "附" + key[s..(end - 1)];
                end = s - 1;
            }
        }
        else if (runStart < end && runStart > 0 && IsMarker(key[runStart - 1]) && key[runStart - 1] != '号' && HasDigit(key, runStart, end))
        {
            room = key[runStart..end];
            end = runStart;
        }

        // Floor: N层 or N楼.
        if (end >= 2 && key[end - 1] is '层' or '楼' && IsDigit(key[end - 2]))
        {
            var s = RunStart(key, end - 1);
            floor = key[s..(end - 1)];
            end = s;
            marked = true;
        }
        // Unit: N单元, or with one character missing: N单 / N元.
        if (end >= 3 && key[end - 2] == '单' && key[end - 1] == '元' && IsDigit(key[end - 3]))
        {
            var s = RunStart(key, end - 2);
            unit = key[s..(end - 2)];
            end = s;
            marked = true;
        }
        else if (end >= 2 && key[end - 1] is '单' or '元' && IsDigit(key[end - 2]))
        {
            var s = RunStart(key, end - 1);
            unit = key[s..(end - 1)];
            end = s;
            marked = true;
            sloppy = true;
        }
        // Building: N栋 (幢, 号楼 and 座 are 栋 in the key).
        if (end >= 2 && key[end - 1] == '栋' && IsAlnum(key[end - 2]))
        {
            var s = RunStart(key, end - 1);
            building = key[s..(end - 1)];
            end = s;
            marked = true;
        }
        if (!marked && room.Length > 0 && room[0] != '附')
        {
            // A number with no marker before it was never a room.
            end += room.Length;
            room = "";
        }

        var (road, number, compound) = SplitPlace(key[..end]);
        return new DoorPlate(road, number, compound, Trim(building), Trim(unit), Trim(floor), Trim(room), sloppy);
    }

    /// <summary>"光明路3号幸福小区" → (光明路, 3, 幸福小区); "幸福小区" → (幸福小区, "", ""); "光明路12" → (光明路, 12, "").</summary>
    private static (string Road, string Number, string Compound) SplitPlace(string place)
    {
        for (var i = place.Length - 1; i >= 1; i--)
        {
            if (place[i] != '号' || !IsDigit(place[i - 1])) continue;
            var s = i - 1;
            while (s > 0 && IsDigit(place[s - 1])) s--;
            if (s == 0) break;
            return (place[..s], Trim(place[s..i]), place[(i + 1)..]);
        }
        var e = place.Length;
        var d = e;
        while (d > 0 && IsDigit(place[d - 1])) d--;
        if (d < e && d > 0 && !IsAlnum(place[d - 1])) return (place[..d], Trim(place[d..e]), "");
        return (place, "", "");
    }

    /// <summary>Leading zeros are not part of a number: 0302 = 302.</summary>
    private static string Trim(string number)
    {
        if (number.Length < 2 || number[0] != '0' || !AllDigits(number, 0, number.Length)) return number;
        var t = number.TrimStart('0');
        return t.Length == 0 ? "0" : t;
    }

    private static int RunStart(string s, int end)
    {
        var i = end;
        while (i > 0 && IsAlnum(s[i - 1])) i--;
        return i;
    }

    private static bool AllDigits(string s, int from, int to)
    {
        for (var i = from; i < to; i++) if (!IsDigit(s[i])) return false;
        return to > from;
    }

    private static bool HasDigit(string s, int from, int to)
    {
        for (var i = from; i < to; i++) if (IsDigit(s[i])) return true;
        return false;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
    private static bool IsAlnum(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'z';
    private static bool IsMarker(char c) => c is '栋' or '元' or '单' or '层' or '楼' or '号';
}
