namespace KubeMQ.Conformance.Tests;

/// <summary>What a finished (or killed) child process left behind.</summary>
internal sealed record ChildProcessOutcome(int ExitCode, string StandardOutput, string StandardError, bool TimedOut, TimeSpan Elapsed);
