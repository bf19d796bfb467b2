namespace GridGeo.IO.Tests;

/// <summary>
/// Finds the checkout root (the folder with GridGeo.sln) and the shared/ folder beside it (the environment
/// variable GRIDGEO_SHARED overrides it). Also compiled into GridGeo.Core.Tests and the partition benchmark.
/// </summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Environment.GetEnvironmentVariable("GRIDGEO_SHARED") is { Length: > 0 } shared
        ? shared
        : Path.Combine(Root, "..", "shared"));

    /// <summary>A folder under shared/, e.g. <c>SharedFolder("realdata", "liechtenstein")</c>; throws, naming where it looked, when it is missing.</summary>
    public static string SharedFolder(params string[] parts)
    {
        var dir = Path.Combine([Shared, .. parts]);
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException(
                $"{dir} is missing: the shared/ folder must sit beside the checkout ({Root}) or be named by GRIDGEO_SHARED");
        return dir;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GridGeo.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find GridGeo.sln above " + AppContext.BaseDirectory);
    }
}
