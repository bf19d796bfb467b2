using GridGeo.Rendering.Boards;
using GridGeo.Rendering.Map;
using GridGeo.Rendering.Pages;
using GridGeo.Rendering.Tests.Support;

namespace GridGeo.Rendering.Tests.Boards;

public class GridBoardPageTests
{
    [Fact]
    public void Board_without_staff_renders()
    {
        var board = PrintFixture.Board("520321001001005");
        var (png, layout) = PageWriter.RenderPng(new GridBoardPage(board), 150);
        Artifacts.Save("board-blank.png", png);
        Assert.NotNull(layout.Frame);
    }
}
