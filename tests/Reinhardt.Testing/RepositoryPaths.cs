namespace Reinhardt.Testing;

/// <summary>Locates files of this repository from a running test.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding <c>Generators.sln</c>.</summary>
    public static string Root => s_root.Value;

    /// <summary>
    /// Maps a <c>[CallerFilePath]</c> to a real path. Deterministic CI builds map source paths to
    /// <c>/_/</c>, so those are re-rooted at the repository.
    /// </summary>
    public static string ResolveSourcePath(string callerFilePath)
    {
        if (File.Exists(callerFilePath))
        {
            return callerFilePath;
        }

        var normalized = callerFilePath.Replace('\\', '/');
        return normalized.StartsWith("/_/", StringComparison.Ordinal)
            ? Path.Combine(Root, normalized["/_/".Length..])
            : callerFilePath;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Generators.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Generators.sln not found above " + AppContext.BaseDirectory);
    }
}
