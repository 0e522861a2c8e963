using System.Security.Cryptography;
using System.Text;

namespace KubeMQ.Conformance.Tests;

/// <summary>
/// Installs tests/Conformance/node_modules with <c>npm ci</c> at most once: not at all when node_modules was installed
/// from the current lockfile (a stamp holding the lockfile's hash), once per test process however many test classes
/// ask at the same time, and one test process at a time through a lock file when several run side by side.
/// </summary>
internal static class NpmDependencies
{
    private const string StampName = ".kubemq-conformance-stamp";
    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LockPatience = TimeSpan.FromMinutes(6);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Task? _installed;

    public static async Task EnsureInstalledAsync(NodeToolchain toolchain, CancellationToken cancellationToken)
    {
        Task installed;
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A failed install is not cached: the next test tries again and reports its own failure.
            if (_installed is null || _installed.IsFaulted || _installed.IsCanceled)
                _installed = InstallAsync(toolchain, cancellationToken);
            installed = _installed;
        }
        finally
        {
            Gate.Release();
        }
        await installed.ConfigureAwait(false);
    }

    private static async Task InstallAsync(NodeToolchain toolchain, CancellationToken cancellationToken)
    {
        var folder = ConformanceFolder.Path;
        var wanted = LockfileHash(folder);
        if (IsCurrent(folder, wanted))
            return;

        await using var crossProcessLock = await AcquireLockAsync(folder, cancellationToken).ConfigureAwait(false);
        if (IsCurrent(folder, wanted))
            return; // another test process installed it while this one waited

        // --ignore-scripts: kubemq-js and @grpc/grpc-js are pure JavaScript; no install step may fetch binaries.
        var outcome = await ChildProcess.RunAsync(
            toolchain.Npm,
            ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            folder,
            InstallLimit,
            cancellationToken).ConfigureAwait(false);
        if (outcome.TimedOut || outcome.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'npm ci' in {folder} {(outcome.TimedOut ? $"did not finish within {InstallLimit.TotalMinutes} min" : $"exited with {outcome.ExitCode}")}.\n" +
                $"stdout:\n{outcome.StandardOutput}\nstderr:\n{outcome.StandardError}");
        }
        if (!File.Exists(Path.Combine(folder, "node_modules", "kubemq-js", "package.json")))
            throw new InvalidOperationException($"'npm ci' in {folder} succeeded but node_modules/kubemq-js is missing.");
        await File.WriteAllTextAsync(Path.Combine(folder, "node_modules", StampName), wanted, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsCurrent(string folder, string wanted)
    {
        var stamp = Path.Combine(folder, "node_modules", StampName);
        return File.Exists(stamp)
            && File.Exists(Path.Combine(folder, "node_modules", "kubemq-js", "package.json"))
            && string.Equals(File.ReadAllText(stamp).Trim(), wanted, StringComparison.Ordinal);
    }

    private static string LockfileHash(string folder)
    {
        var content = File.ReadAllBytes(Path.Combine(folder, "package-lock.json"));
        return Convert.ToHexString(SHA256.HashData(content));
    }

    private static async Task<FileStream> AcquireLockAsync(string folder, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(folder)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"kubemq-conformance-npm-{key}.lock");
        var deadline = DateTime.UtcNow + LockPatience;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another test process holds the lock while it runs npm ci.
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
