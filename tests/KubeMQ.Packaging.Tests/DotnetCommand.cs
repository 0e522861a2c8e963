using System.Diagnostics;
using System.Text;

namespace KubeMQ.Packaging.Tests;

/// <summary>Runs the dotnet CLI (or another tool) as a child process with a bounded time, and returns its exit code and output.</summary>
internal static class DotnetCommand
{
    public static Task<DotnetResult> RunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        TimeSpan timeout,
        CancellationToken cancellationToken) =>
        RunToolAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", workingDirectory, arguments, environment, timeout, cancellationToken);

    // Set by a parent MSBuild (dotnet test builds first); a child build must pick its own SDK and MSBuild.
    private static readonly string[] InheritedBuildVariables =
        ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly"];

    public static async Task<DotnetResult> RunToolAsync(
        string executable,
        string workingDirectory,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        foreach (var name in InheritedBuildVariables)
            startInfo.Environment.Remove(name);
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // No MSBuild node may outlive the test: nothing would end it, and it would hold the temp folder's files.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
                startInfo.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"'{Path.GetFileName(executable)} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds:0} s. Output so far:\n{Tail(output)}");
        }
        // WaitForExitAsync returns only after the redirected output has been read to its end.
        lock (output)
            return new DotnetResult($"{Path.GetFileName(executable)} {string.Join(' ', arguments)}", process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
            return DotnetResult.Tail(output.ToString());
    }
}

internal sealed record DotnetResult(string Command, int ExitCode, string Output)
{
    /// <summary>Fails with the command's output when it did not exit with 0.</summary>
    public DotnetResult EnsureSucceeded()
    {
        if (ExitCode != 0)
            throw new InvalidOperationException($"'{Command}' exited with {ExitCode}:\n{Tail(Output)}");
        return this;
    }

    // Errors are at the end of an MSBuild log; the whole log of a build is too long for a test message.
    public static string Tail(string text) => text.Length <= 8000 ? text : "...\n" + text[^8000..];
}
