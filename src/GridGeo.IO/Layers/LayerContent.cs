using GridGeo.Core.Geo.Crs;
using GridGeo.IO.GeoJson;

namespace GridGeo.IO.Layers;

/// <summary>One layer read into lon/lat: its features and the system its coordinates came in (null: lon/lat, undeclared).</summary>
public sealed record LayerContent(IReadOnlyList<FeatureRecord> Features, ReferenceSystem? System);
