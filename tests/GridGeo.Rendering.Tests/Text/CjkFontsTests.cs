using GridGeo.Rendering.Text;
using SkiaSharp;

namespace GridGeo.Rendering.Tests.Text;

public class CjkFontsTests
{
    /// <summary>Every character the pages print in Chinese, so that none can come out as a tofu box.</summary>
    private const string Printed = "网格公示牌图例社区边界相邻本联户单元长员电话姓名楼栋按数主干道支路河流铁路围墙比例尺北基础专属达标超出范围其他街道一览序号类型名称打印日期扫码查看服务人员区县所属编码第户个栋以系统记录为准页是否（）·";

    [Fact]
    public void Noto_Sans_CJK_SC_is_found_and_draws_every_printed_character()
    {
        var fonts = CjkFonts.Instance;
        Assert.Equal(CjkFonts.Family, fonts.Regular.FamilyName);
        foreach (var face in new[] { fonts.Regular, fonts.Bold })
        {
            using var font = new SKFont(face, 12);
            var glyphs = font.GetGlyphs(Printed);
            var missing = Printed.Where((c, i) => glyphs[i] == 0).ToArray();
            Assert.True(missing.Length == 0, $"{face.FamilyName} has no glyph for {new string(missing)}");
        }
        Assert.True(fonts.Bold.IsBold || fonts.Bold == fonts.Regular);
    }

    [Fact]
    public void Chinese_text_is_drawn_as_ink_not_as_boxes()
    {
        // A tofu box is an outline: ink only on its frame. A real 网 fills its cell with strokes on many rows and columns.
        using var surface = SKSurface.Create(new SKImageInfo(200, 80));
        surface.Canvas.Clear(SKColors.White);
        using (var text = new TextPainter(surface.Canvas, CjkFonts.Instance)) text.Draw("网格", 10, 60, 48);
        using var image = surface.Snapshot();
        using var bitmap = SKBitmap.FromImage(image);
        var inkedRows = Enumerable.Range(0, 80).Count(y => Enumerable.Range(0, 200).Any(x => bitmap.GetPixel(x, y).Red < 128));
        var inkedColumns = Enumerable.Range(0, 200).Count(x => Enumerable.Range(0, 80).Any(y => bitmap.GetPixel(x, y).Red < 128));
        var ink = Enumerable.Range(0, 80).Sum(y => Enumerable.Range(0, 200).Count(x => bitmap.GetPixel(x, y).Red < 128));
        Assert.InRange(inkedRows, 30, 60);
        Assert.InRange(inkedColumns, 70, 110);
        Assert.InRange(ink, 800, 4000);
    }
}
