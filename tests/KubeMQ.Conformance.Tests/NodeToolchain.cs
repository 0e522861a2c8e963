using System.Runtime.InteropServices;

namespace KubeMQ.Conformance.Tests;

/// <summary>
/// The node and npm executables from PATH. Missing tools are a failure with a message saying what to install,
/// never a skip: CI must not turn green because the conformance suite did not run.
/// </summary>
internal sealed class NodeToolchain
{
    private NodeToolchain(string node, string npm)
    {
        Node = node;
        Npm = npm;
    }

    public string Node { get; }

    public string Npm { get; }

    public static NodeToolchain Require()
    {
        var node = FindOnPath("node");
        var npm = FindOnPath("npm");
        var missing = new List<string>();
        if (node is null)
            missing.Add("node");
        if (npm is null)
            missing.Add("npm");
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(" and ", missing)} not found on PATH ({Environment.GetEnvironmentVariable("PATH")}). " +
                "The kubemq-js conformance tests need Node.js 20 or newer with npm: install them and run the tests again.");
        }
        return new NodeToolchain(node!, npm!);
    }

    private static string? FindOnPath(string tool)
    {
        var names = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? new[] { tool + ".exe", tool + ".cmd" }
            : new[] { tool };
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
