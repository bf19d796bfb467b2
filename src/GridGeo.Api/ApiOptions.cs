using GridGeo.IO;

namespace GridGeo.Api;

/// <summary>
/// The API's own settings, section <c>GridGeo</c>: <c>GridGeo:ViewerPath</c> is the folder of the built map
/// viewer (default <c>&lt;GRIDGEO_ROOT or checkout&gt;/src/GridGeo.Api/wwwroot</c>; served when it exists),
/// <c>GridGeo:MaxRequestBodyBytes</c> the largest request body accepted (default 32 MiB; larger is 413).
/// The database is configured by <see cref="Storage.StorageOptions"/>.
/// </summary>
public sealed record ApiOptions(string? ViewerPath, long MaxRequestBodyBytes)
{
    public const string Section = "GridGeo";
    public const long DefaultMaxRequestBodyBytes = 32L * 1024 * 1024;

    public static ApiOptions From(IConfiguration configuration)
    {
        var viewer = configuration[$"{Section}:ViewerPath"];
        if (string.IsNullOrWhiteSpace(viewer))
        {
            var root = RepositoryRoot.Find();
            viewer = root is null ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : Path.Combine(root, "src", "GridGeo.Api", "wwwroot");
        }
        var max = configuration.GetValue<long?>($"{Section}:MaxRequestBodyBytes") ?? DefaultMaxRequestBodyBytes;
        if (max < 1) throw new InvalidOperationException($"{Section}:MaxRequestBodyBytes must be ≥ 1, not {max}");
        return new ApiOptions(viewer, max);
    }
}
