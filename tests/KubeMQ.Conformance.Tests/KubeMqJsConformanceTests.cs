using System.Text;
using KubeMQ.Broker;

namespace KubeMQ.Conformance.Tests;

/// <summary>
/// The official kubemq-js 1.2.3 client, which nobody here wrote, drives the embedded broker: each script reports one
/// verdict per scenario, with expectations taken from the KubeMQ reference, and every verdict must pass.
/// </summary>
public sealed class KubeMqJsConformanceTests
{
    public static TheoryData<string> Scripts => new(ConformanceScripts.Scenarios.Keys);

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Official_kubemq_js_client_gets_the_reference_answers_from_the_embedded_broker(string script)
    {
        var toolchain = NodeToolchain.Require();
        await NpmDependencies.EnsureInstalledAsync(toolchain, CancellationToken.None);
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());

        var extra = ConformanceScripts.ExtraArguments.TryGetValue(script, out var args) ? args : [];
        var run = await KubeMqJsScript.RunAsync(toolchain, script, broker.Address, extra, CancellationToken.None);

        var problems = Problems(run, ConformanceScripts.Scenarios[script]);
        if (problems.Count > 0)
            Assert.Fail(Report(run, problems));
        Assert.All(run.Verdicts, verdict => Assert.True(verdict.Pass, verdict.Scenario));
        Assert.Equal(0, run.Outcome.ExitCode);
    }

    private static List<string> Problems(KubeMqJsScriptRun run, IReadOnlyList<string> expectedScenarios)
    {
        var problems = new List<string>();
        if (run.Outcome.TimedOut)
            problems.Add($"the script was killed after {run.Outcome.Elapsed.TotalSeconds:F0} s");
        foreach (var failed in run.Verdicts.Where(v => !v.Pass))
            problems.Add($"scenario '{failed.Scenario}' failed\n    expected: {failed.Expected}\n    actual:   {failed.Actual}");

        var reported = run.Verdicts.Select(v => v.Scenario).ToList();
        var missing = expectedScenarios.Except(reported, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            problems.Add($"no verdict for: {string.Join(", ", missing)}");
        var unexpected = reported.Except(expectedScenarios, StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
            problems.Add($"verdicts for scenarios this test does not list (add them to ConformanceScripts): {string.Join(", ", unexpected)}");
        var duplicated = reported.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicated.Count > 0)
            problems.Add($"more than one verdict for: {string.Join(", ", duplicated)}");

        var allPassed = run.Verdicts.All(v => v.Pass);
        if (!run.Outcome.TimedOut && (run.Outcome.ExitCode == 0) != allPassed)
            problems.Add($"exit code {run.Outcome.ExitCode} disagrees with the verdicts (all passed: {allPassed})");
        return problems;
    }

    private static string Report(KubeMqJsScriptRun run, List<string> problems)
    {
        var report = new StringBuilder();
        report.Append(run.Script).Append(" (kubemq-js) against the embedded broker at ").Append(run.Address)
            .Append(": exit code ").Append(run.Outcome.ExitCode).Append(", ")
            .Append(run.Outcome.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)).AppendLine(" s");
        foreach (var problem in problems)
            report.Append("- ").AppendLine(problem);
        if (run.OtherOutput.Count > 0)
            report.AppendLine("other stdout:").AppendLine(string.Join('\n', run.OtherOutput));
        if (run.Outcome.StandardError.Length > 0)
            report.AppendLine("stderr:").AppendLine(run.Outcome.StandardError.TrimEnd());
        return report.ToString();
    }
}
