namespace KubeMQ.Conformance.Tests;

/// <summary>
/// Where the Node.js conformance project lives: tests/Conformance of the repository that holds KubeMQ.Typed.sln,
/// found by walking up from the test assembly, so the tests work from any clone and any output folder.
/// </summary>
internal static class ConformanceFolder
{
    public const string SolutionFile = "KubeMQ.Typed.sln";

    public static string Path { get; } = Locate();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, SolutionFile)))
            {
                var folder = System.IO.Path.Combine(dir.FullName, "tests", "Conformance");
                if (!File.Exists(System.IO.Path.Combine(folder, "package-lock.json")))
                    throw new InvalidOperationException($"The repository root {dir.FullName} has no tests/Conformance/package-lock.json.");
                return folder;
            }
        }
        throw new InvalidOperationException($"No {SolutionFile} in {AppContext.BaseDirectory} or any folder above it: the conformance scripts cannot be located.");
    }
}
