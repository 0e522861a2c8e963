using System.Runtime.CompilerServices;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>
/// Compares generated source with a reviewed <c>Snapshots/&lt;name&gt;.verified.cs</c> beside the tests. A missing or
/// different snapshot fails and leaves <c>.received.cs</c> (git-ignored) to diff; run with KUBEMQ_ACCEPT_SNAPSHOTS=1 to
/// accept the new output as the verified one.
/// </summary>
internal static class SnapshotFile
{
    public const string AcceptVariable = "KUBEMQ_ACCEPT_SNAPSHOTS";

    public static void Verify(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        if (!Directory.Exists(Path.GetDirectoryName(callerFile)))
            throw new InvalidOperationException($"The test sources are not at '{callerFile}'; snapshots are looked up beside them.");
        Directory.CreateDirectory(directory);
        var verifiedPath = Path.Combine(directory, name + ".verified.cs");
        var receivedPath = Path.Combine(directory, name + ".received.cs");
        actual = actual.ReplaceLineEndings("\n");

        var verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (verified == actual)
        {
            File.Delete(receivedPath);
            return;
        }
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(verified is null
            ? $"No snapshot {verifiedPath}. Review {receivedPath} and accept it with {AcceptVariable}=1."
            : $"Generated source differs from {verifiedPath} at line {FirstDifferentLine(verified, actual)}. " +
              $"Diff it with {receivedPath}; accept with {AcceptVariable}=1.");
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
                return i + 1;
        }
        return Math.Min(a.Length, b.Length) + 1;
    }
}
