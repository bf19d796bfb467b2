namespace GridGeo.IO;

/// <summary>
/// The GridGeo checkout a process runs from: the environment variable <c>GRIDGEO_ROOT</c> (set by
/// <c>scripts/gridgeo</c>), else the nearest folder holding <c>GridGeo.sln</c> above the working
/// directory or the program's folder; null when there is none (an installed or container build).
/// </summary>
public static class RepositoryRoot
{
    public const string EnvironmentVariable = "GRIDGEO_ROOT";

    public static string? Find()
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env) && Directory.Exists(env)) return Path.GetFullPath(env);
        return Above(Directory.GetCurrentDirectory()) ?? Above(AppContext.BaseDirectory);
    }

    private static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GridGeo.sln"))) return dir.FullName;
        }
        return null;
    }
}
