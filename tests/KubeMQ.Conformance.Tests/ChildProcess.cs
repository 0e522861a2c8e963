using System.Diagnostics;

namespace KubeMQ.Conformance.Tests;

/// <summary>
/// Runs a program to completion with both output streams read concurrently (so a full pipe can never block the
/// child), within a time limit after which the whole process tree is killed.
/// </summary>
internal static class ChildProcess
{
    public static async Task<ChildProcessOutcome> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        // npm must not stop to ask anything or spend time on notices in CI.
        startInfo.Environment["npm_config_update_notifier"] = "false";
        startInfo.Environment["npm_config_fund"] = "false";
        startInfo.Environment["npm_config_audit"] = "false";

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        if (!process.Start())
            throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the timeout and the kill.
            }
            // After the kill the pipes close, so the readers and the exit complete promptly.
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var output = await stdout.ConfigureAwait(false);
        var error = await stderr.ConfigureAwait(false);
        return new ChildProcessOutcome(process.ExitCode, output, error, timedOut, stopwatch.Elapsed);
    }
}
