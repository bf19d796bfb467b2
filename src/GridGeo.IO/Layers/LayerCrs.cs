using GridGeo.Core;
using GridGeo.Core.Geo.Crs;

namespace GridGeo.IO.Layers;

/// <summary>Which <see cref="ReferenceSystem"/> a layer is in: its own declaration, else <c>--crs</c>.</summary>
public static class LayerCrs
{
    /// <summary>
    /// The declared system (WKT from <c>.prj</c> or <c>gpkg_spatial_ref_sys</c>, identified by content) or
    /// <paramref name="crsOption"/>; a declaration that disagrees with <c>--crs</c> is refused, naming both.
    /// </summary>
    public static ReferenceSystem? Resolve((string Wkt, string Source)? declared, ReferenceSystem? crsOption, string layer)
    {
        if (declared is null) return crsOption;
        var system = ReferenceSystems.Identify(declared.Value.Wkt, declared.Value.Source);
        return Agree(system, crsOption, layer);
    }

    /// <summary><paramref name="declared"/>, unless <c>--crs</c> names a different system (lon/lat WGS84 and CGCS2000 agree).</summary>
    public static ReferenceSystem Agree(ReferenceSystem declared, ReferenceSystem? crsOption, string layer)
    {
        if (crsOption is not null && crsOption.Epsg != declared.Epsg && !(crsOption.IsGeographic && declared.IsGeographic)
            && !(crsOption.CentralMeridian == declared.CentralMeridian && crsOption.FalseEasting == declared.FalseEasting))
            throw new BadInputException(layer, null, $"the layer declares {declared} but --crs says {crsOption}; give the one that is right");
        return declared;
    }
}
