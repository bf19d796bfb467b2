namespace GridGeo.Rendering.Tests.Support;

/// <summary>
/// Where rendering tests keep the images they check, to be looked at: <c>GRIDGEO_TEST_ARTIFACTS</c> when set, else
/// <c>artifacts/rendering</c> in the checkout (git-ignored).
/// </summary>
public static class Artifacts
{
    public static string Directory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("GRIDGEO_TEST_ARTIFACTS");
            var root = configured ?? Path.Combine(FindCheckout(), "artifacts", "rendering");
            System.IO.Directory.CreateDirectory(root);
            return root;
        }
    }

    public static string Save(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string FindCheckout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GridGeo.sln"))) return dir.FullName;
        return Path.GetTempPath();
    }
}
