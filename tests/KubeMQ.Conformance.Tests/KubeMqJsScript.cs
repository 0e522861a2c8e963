namespace KubeMQ.Conformance.Tests;

/// <summary>Runs one script of tests/Conformance with node against a broker address.</summary>
internal static class KubeMqJsScript
{
    /// <summary>The script's own watchdog; the process limit below is wider, so the script normally reports first.</summary>
    private static readonly TimeSpan ScriptWatchdog = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromSeconds(90);

    public static async Task<KubeMqJsScriptRun> RunAsync(
        NodeToolchain toolchain, string script, Uri brokerAddress, IEnumerable<string> extraArguments, CancellationToken cancellationToken)
    {
        var address = $"{brokerAddress.Host}:{brokerAddress.Port}";
        string[] arguments = [script, address, "--timeout-ms", ((int)ScriptWatchdog.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), .. extraArguments];
        var outcome = await ChildProcess.RunAsync(toolchain.Node, arguments, ConformanceFolder.Path, ProcessLimit, cancellationToken).ConfigureAwait(false);
        var (verdicts, other) = ScenarioVerdict.ParseAll(outcome.StandardOutput);
        return new KubeMqJsScriptRun(script, address, outcome, verdicts, other);
    }
}
