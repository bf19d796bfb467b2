using System.Globalization;
using GridGeo.Core;
using GridGeo.IO.Csv;

namespace GridGeo.IO.Points;

/// <summary>
/// Streams a points CSV (<c>id,lon,lat</c>, UTF-8) batch by batch, never holding the whole file. A first line whose
/// lon field is not a number is the header: it may name the columns <c>id</c>, <c>lon</c> (or <c>lng</c>) and
/// <c>lat</c> in any order, with extra columns ignored; without a header the first three columns are id, lon, lat.
/// A bad row (too few fields, empty id, a value that is not a number, outside −180…180 / −90…90) is a
/// <see cref="BadInputException"/> naming the source and the line number.
/// </summary>
public sealed class PointCsvReader
{
    private readonly TextReader _reader;
    private readonly string _source;
    private long _line;
    private int _idColumn, _lonColumn = 1, _latColumn = 2, _needed = 3;
    private bool _started;

    public PointCsvReader(TextReader reader, string source)
    {
        _reader = reader;
        _source = source;
    }

    /// <summary>Points read so far.</summary>
    public long PointsRead { get; private set; }

    /// <summary>Fills <paramref name="batch"/> with up to its capacity; false when the file has no more points.</summary>
    public bool ReadBatch(PointBatch batch)
    {
        batch.Count = 0;
        while (batch.Count < batch.Capacity)
        {
            var text = _reader.ReadLine();
            if (text is null) break;
            _line++;
            if (!_started)
            {
                _started = true;
                if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
                if (IsHeader(text)) continue;
            }
            if (text.Length == 0 || (text.Length == 1 && text[0] == '\r')) continue;
            ParseRow(text, batch);
        }
        PointsRead += batch.Count;
        return batch.Count > 0;
    }

    private bool IsHeader(string text)
    {
        var fields = CsvLine.Split(text);
        if (fields.Count >= 2 && double.TryParse(fields[Math.Min(1, fields.Count - 1)], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return false;
        int Find(params string[] names) => fields.FindIndex(f => names.Contains(f.Trim().ToLowerInvariant()));
        int id = Find("id"), lon = Find("lon", "lng", "longitude", "x"), lat = Find("lat", "latitude", "y");
        // A first line that names none of the columns is a data row, and its own errors will say what is wrong.
        if (id < 0 && lon < 0 && lat < 0) return false;
        if (id < 0 || lon < 0 || lat < 0)
            throw new BadInputException(_source, "line 1", $"the header must name the columns id, lon, lat (found: {text})");
        (_idColumn, _lonColumn, _latColumn) = (id, lon, lat);
        _needed = Math.Max(_idColumn, Math.Max(_lonColumn, _latColumn)) + 1;
        return true;
    }

    private void ParseRow(string text, PointBatch batch)
    {
        string id;
        ReadOnlySpan<char> lonText, latText;
        if (text.Contains('"') || _needed != 3 || _idColumn != 0 || _lonColumn != 1 || _latColumn != 2)
        {
            var fields = CsvLine.Split(text);
            if (fields.Count < _needed) throw Bad(null, $"expected the fields id,lon,lat, found {fields.Count} field(s)");
            id = fields[_idColumn];
            lonText = fields[_lonColumn];
            latText = fields[_latColumn];
        }
        else
        {
            var span = text.AsSpan().TrimEnd('\r');
            var c1 = span.IndexOf(',');
            var rest = c1 < 0 ? default : span[(c1 + 1)..];
            var c2 = c1 < 0 ? -1 : rest.IndexOf(',');
            if (c2 < 0) throw Bad(null, $"expected the fields id,lon,lat, found {(c1 < 0 ? 1 : 2)} field(s)");
            id = span[..c1].ToString();
            lonText = rest[..c2];
            var tail = rest[(c2 + 1)..];
            var c3 = tail.IndexOf(',');
            latText = c3 < 0 ? tail : tail[..c3];
        }
        if (string.IsNullOrWhiteSpace(id)) throw Bad(null, "the id is empty");
        var lon = Number(lonText, "lon", id);
        var lat = Number(latText, "lat", id);
        if (lon is < -180 or > 180) throw Bad(id, $"lon {lon.ToString(CultureInfo.InvariantCulture)} is outside −180…180");
        if (lat is < -90 or > 90) throw Bad(id, $"lat {lat.ToString(CultureInfo.InvariantCulture)} is outside −90…90");
        batch.Add(id, lon, lat, _line);
    }

    private double Number(ReadOnlySpan<char> text, string name, string id)
    {
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        throw Bad(id, $"{name} \"{text.ToString()}\" is not a number");
    }

    private BadInputException Bad(string? id, string rule) =>
        new(_source, id is null ? $"line {_line}" : $"line {_line} (id \"{id}\")", rule);
}
