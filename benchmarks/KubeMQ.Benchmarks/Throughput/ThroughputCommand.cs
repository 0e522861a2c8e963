using System.Runtime.InteropServices;
using KubeMQ.Benchmarks.Ceiling;

namespace KubeMQ.Benchmarks.Throughput;

/// <summary>Runs every scenario in one process, in one run, and prints (and optionally writes) the markdown table.</summary>
internal static class ThroughputCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = ThroughputOptions.Parse(args);
        var log = Console.Out;
        log.WriteLine($"KubeMQ.Typed throughput: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, " +
                      $"{options.BodySize} B bodies, warm-up {options.WarmUp.TotalSeconds:0.#} s, window {options.Measure.TotalSeconds:0.#} s{(options.Quick ? " (quick)" : "")}");

        var runner = new ThroughputRunner(options.WarmUp, options.Measure, log);
        var rounds = new List<List<ScenarioResult>>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            if (options.Rounds > 1)
                log.WriteLine($" round {round} of {options.Rounds}");
            rounds.Add(await RunRoundAsync(options, runner).ConfigureAwait(false));
        }
        var results = MedianRows(rounds);

        var table = ResultTable.Render(results, row => CeilingFor(row, results));
        log.WriteLine();
        log.WriteLine(table);
        if (options.OutputPath is not null)
            await File.WriteAllTextAsync(options.OutputPath, table).ConfigureAwait(false);

        var failed = results.Where(r => r.Failed).ToList();
        foreach (var row in failed)
            Console.Error.WriteLine($"FAILED: {row.Pattern} ({row.Path}, c={row.Concurrency}): {row.FailureReason}");
        return failed.Count == 0 ? 0 : 1;
    }

    private static async Task<List<ScenarioResult>> RunRoundAsync(ThroughputOptions options, ThroughputRunner runner)
    {
        var results = new List<ScenarioResult>();
        await using (var ceiling = await CeilingServer.StartAsync().ConfigureAwait(false))
        {
            foreach (var scenario in new ThroughputScenario[]
                     {
                         new CeilingStreamScenario(ceiling.Address, options.BodySize),
                         new CeilingUnaryScenario(ceiling.Address, 1, options.BodySize),
                         new CeilingUnaryScenario(ceiling.Address, 64, options.BodySize),
                     }.Where(s => options.Only is null || s.Pattern.Contains(options.Only, StringComparison.Ordinal)))
            {
                await using (scenario.ConfigureAwait(false))
                    results.Add(await RunCleanAsync(runner, scenario).ConfigureAwait(false));
            }
        }

        foreach (var scenario in PatternScenarios.Create(options))
        {
            await using (scenario.ConfigureAwait(false))
                results.Add(await RunCleanAsync(runner, scenario).ConfigureAwait(false));
        }
        return results;
    }

    /// <summary>
    /// Starts each scenario from a compacted heap: client and broker share this process, so without it the peak
    /// working set of a row would include what earlier rows left behind.
    /// </summary>
    private static Task<ScenarioResult> RunCleanAsync(ThroughputRunner runner, ThroughputScenario scenario)
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return runner.RunAsync(scenario);
    }

    /// <summary>
    /// Per row, the round with the median throughput (rows run in the same order every round). On a shared machine
    /// a neighbour's build can halve one window; the median of several rounds keeps such a window out of the ratios.
    /// A row that failed in any round is reported failed.
    /// </summary>
    private static List<ScenarioResult> MedianRows(List<List<ScenarioResult>> rounds)
    {
        var rows = new List<ScenarioResult>();
        for (var i = 0; i < rounds[0].Count; i++)
        {
            var runs = rounds.Select(r => r[i]).ToList();
            rows.Add(runs.FirstOrDefault(r => r.Failed) ?? runs.OrderBy(r => r.MessagesPerSecond).ElementAt(runs.Count / 2));
        }
        return rows;
    }

    /// <summary>Streams compare with the bidi-stream ceiling, round trips with unary calls at the same concurrency.</summary>
    private static ScenarioResult? CeilingFor(ScenarioResult row, IReadOnlyList<ScenarioResult> results) =>
        PatternScenarios.IsRoundTrip(row.Pattern)
            ? results.FirstOrDefault(r => r.Path == "ceiling" && r.Pattern == "unary round trip" && r.Concurrency == row.Concurrency)
            : results.FirstOrDefault(r => r.Path == "ceiling" && r.Pattern == "bidi stream");
}
