namespace KubeMQ.Conformance.Tests;

/// <summary>What one conformance script reported about a broker.</summary>
internal sealed record KubeMqJsScriptRun(
    string Script, string Address, ChildProcessOutcome Outcome, IReadOnlyList<ScenarioVerdict> Verdicts, IReadOnlyList<string> OtherOutput);
