namespace BorderWatch.Testing;

/// <summary>Where tests write files for people to look at (screenshots, reports): <c>artifacts/</c> at the repository root.</summary>
public static class TestArtifacts
{
    public static string Directory(string kind)
    {
        var root = FindRepositoryRoot() ?? Path.GetTempPath();
        var path = Path.Combine(root, "artifacts", kind);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BorderWatch.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
