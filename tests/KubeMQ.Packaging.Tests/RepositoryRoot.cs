namespace KubeMQ.Packaging.Tests;

/// <summary>The clone this test assembly was built from: the folder above its output that holds KubeMQ.Typed.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "KubeMQ.Typed.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No KubeMQ.Typed.sln above {AppContext.BaseDirectory}: the packaging tests run from a clone of the repository.");
    }
}
