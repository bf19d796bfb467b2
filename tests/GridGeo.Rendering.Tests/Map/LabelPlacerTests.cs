using GridGeo.Rendering.Map;
using SkiaSharp;

namespace GridGeo.Rendering.Tests.Map;

public class LabelPlacerTests
{
    private static readonly SKRect Page = new(0, 0, 400, 300);

    [Fact]
    public void Thirty_required_labels_on_one_spot_are_all_placed_without_overlap()
    {
        var placer = new LabelPlacer(Page, []);
        var requests = Enumerable.Range(0, 30).Select(i => new LabelRequest($"g{i}", new SKSize(60, 18), new SKPoint(200, 150), 20, Required: true)).ToList();
        var placed = placer.PlaceAll(requests);
        Assert.Equal(30, placed.Count);
        AssertNoOverlap(placed);
        Assert.All(placed, p => Assert.True(Page.Contains(p.Box)));
        // Only one fits on the anchor itself; the others are pulled out with leader lines.
        Assert.Contains(placed, p => !p.HasLeader);
        Assert.True(placed.Count(p => p.HasLeader) >= 20);
    }

    [Fact]
    public void Labels_keep_clear_of_the_legend_and_scale_bar()
    {
        var legend = new SKRect(250, 200, 400, 300);
        var placer = new LabelPlacer(Page, [legend]);
        var placed = placer.Place(new LabelRequest("g", new SKSize(40, 12), new SKPoint(320, 250), 80, Required: true))!;
        Assert.False(placed.Box.IntersectsWith(legend));
    }

    [Fact]
    public void An_optional_label_without_room_near_its_anchor_is_dropped()
    {
        var placer = new LabelPlacer(Page, []);
        Assert.NotNull(placer.Place(new LabelRequest("a", new SKSize(60, 18), new SKPoint(100, 100), 2, Required: true)));
        Assert.Null(placer.Place(new LabelRequest("b", new SKSize(60, 18), new SKPoint(100, 100), 2, Required: false)));
    }

    [Fact]
    public void The_most_cramped_label_gets_its_own_spot_first()
    {
        var placer = new LabelPlacer(Page, []);
        var placed = placer.PlaceAll(
        [
            new LabelRequest("roomy", new SKSize(60, 18), new SKPoint(200, 150), 100, Required: true),
            new LabelRequest("cramped", new SKSize(60, 18), new SKPoint(200, 150), 3, Required: true),
        ]);
        Assert.False(placed.Single(p => p.Key == "cramped").HasLeader);
        Assert.False(placed.Single(p => p.Key == "roomy").HasLeader); // moved within its room instead
        AssertNoOverlap(placed);
    }

    internal static void AssertNoOverlap(IReadOnlyList<PlacedLabel> placed)
    {
        for (var i = 0; i < placed.Count; i++)
            for (var j = i + 1; j < placed.Count; j++)
                Assert.False(placed[i].Box.IntersectsWith(placed[j].Box), $"labels {placed[i].Key} {placed[i].Box} and {placed[j].Key} {placed[j].Box} overlap");
    }
}
