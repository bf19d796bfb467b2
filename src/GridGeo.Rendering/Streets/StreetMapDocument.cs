using GridGeo.Rendering.Pages;
using GridGeo.Rendering.Text;

namespace GridGeo.Rendering.Streets;

/// <summary>A street's printed map: the A3 wall map, then the grid list pages.</summary>
public static class StreetMapDocument
{
    public static IReadOnlyList<PrintedPage> Pages(StreetMap map, CjkFonts? fonts = null) =>
        [new StreetMapPage(map, fonts), .. GridIndexPage.For(map, fonts)];
}
