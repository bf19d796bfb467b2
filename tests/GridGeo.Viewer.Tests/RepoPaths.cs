namespace GridGeo.Viewer.Tests;

/// <summary>Paths in the checkout: its root (the folder with GridGeo.sln) and the test artefacts folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Screenshots of the browser tests: artifacts/viewer/ (git-ignored).</summary>
    public static string Artifacts
    {
        get
        {
            var dir = Path.Combine(Root, "artifacts", "viewer");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GridGeo.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no GridGeo.sln above {AppContext.BaseDirectory}");
    }
}
