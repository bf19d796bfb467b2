using GridGeo.Core;
using GridGeo.IO.Points;

namespace GridGeo.IO.Tests.Points;

public class PointCsvReaderTests
{
    private static List<(string Id, double Lon, double Lat, long Line)> ReadAll(string text, int batchSize = 2)
    {
        var reader = new PointCsvReader(new StringReader(text), "points.csv");
        var batch = new PointBatch(batchSize);
        var all = new List<(string, double, double, long)>();
        while (reader.ReadBatch(batch))
            for (var i = 0; i < batch.Count; i++) all.Add((batch.Ids[i], batch.Lons[i], batch.Lats[i], batch.Lines[i]));
        return all;
    }

    [Fact]
    public void Reads_rows_in_order_across_batches_with_their_line_numbers()
    {
        var rows = ReadAll("id,lon,lat\na,106.1,26.2\nb,106.3,26.4\r\n\nc,-1.5,2e1\n");
        Assert.Equal(["a", "b", "c"], rows.Select(r => r.Id));
        Assert.Equal([106.1, 106.3, -1.5], rows.Select(r => r.Lon));
        Assert.Equal([26.2, 26.4, 20.0], rows.Select(r => r.Lat));
        Assert.Equal([2L, 3L, 5L], rows.Select(r => r.Line));
    }

    [Fact]
    public void Without_a_header_the_first_three_columns_are_id_lon_lat()
    {
        var rows = ReadAll("p1,106.1,26.2\np2,106.3,26.4");
        Assert.Equal(["p1", "p2"], rows.Select(r => r.Id));
    }

    [Fact]
    public void A_header_may_order_the_columns_and_quoted_ids_are_unquoted()
    {
        var rows = ReadAll("\uFEFFlat,name,lng,id\n26.2,x,106.1,\"a,1\"\n");
        Assert.Equal(("a,1", 106.1, 26.2, 2L), rows.Single());
    }

    [Theory]
    [InlineData("id,lon,lat\na,106.1,26.2\nb,106.3\n", "line 3", "found 2 field(s)")]
    [InlineData("id,lon,lat\na,abc,26.2\n", "line 2", "lon \"abc\" is not a number")]
    [InlineData("id,lon,lat\na,106,26\nb,200,26\n", "line 3", "outside −180…180")]
    [InlineData("id,lon,lat\na,106,-91\n", "line 2", "outside −90…90")]
    [InlineData("id,lon,lat\n,106,26\n", "line 2", "the id is empty")]
    [InlineData("id,lon\na,106\n", "line 1", "must name the columns id, lon, lat")]
    public void A_bad_row_names_the_file_the_line_and_the_rule(string text, string item, string rule)
    {
        var ex = Assert.Throws<BadInputException>(() => ReadAll(text));
        Assert.Equal("points.csv", ex.InputName);
        Assert.StartsWith(item, ex.Item);
        Assert.Contains(rule, ex.Rule);
    }
}
