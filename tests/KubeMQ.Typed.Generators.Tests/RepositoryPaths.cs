using System.Runtime.CompilerServices;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>Source folders the tests read, found from this file's path (the project keeps source paths undeterministic).</summary>
internal static class RepositoryPaths
{
    public static string Tests { get; } = Here();

    public static string Generator { get; } = Path.GetFullPath(Path.Combine(Tests, "../../generators/KubeMQ.Typed.Generators"));

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
