namespace GridGeo.IO.Points;

/// <summary>A reusable buffer of points read from a points file: ids, lon/lat as given, and their line numbers.</summary>
public sealed class PointBatch
{
    public PointBatch(int capacity)
    {
        Ids = new string[capacity];
        Lons = new double[capacity];
        Lats = new double[capacity];
        Lines = new long[capacity];
    }

    public string[] Ids { get; }
    public double[] Lons { get; }
    public double[] Lats { get; }
    public long[] Lines { get; }
    public int Capacity => Ids.Length;

    /// <summary>How many of the slots hold points of the current batch.</summary>
    public int Count { get; internal set; }

    internal void Add(string id, double lon, double lat, long line)
    {
        Ids[Count] = id;
        Lons[Count] = lon;
        Lats[Count] = lat;
        Lines[Count] = line;
        Count++;
    }
}
