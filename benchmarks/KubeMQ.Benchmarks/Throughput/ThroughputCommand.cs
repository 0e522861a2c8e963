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
        var results = new List<ScenarioResult>();

        await using (var ceiling = await CeilingServer.StartAsync().ConfigureAwait(false))
        {
            foreach (var scenario in new ThroughputScenario[]
                     {
                         new CeilingStreamScenario(ceiling.Address, options.BodySize),
                         new CeilingUnaryScenario(ceiling.Address, 1, options.BodySize),
                         new CeilingUnaryScenario(ceiling.Address, 64, options.BodySize),
                     })
            {
                await using (scenario.ConfigureAwait(false))
                    results.Add(await runner.RunAsync(scenario).ConfigureAwait(false));
            }
        }

        foreach (var scenario in PatternScenarios.Create(options))
        {
            await using (scenario.ConfigureAwait(false))
                results.Add(await runner.RunAsync(scenario).ConfigureAwait(false));
        }

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

    /// <summary>Streams compare with the bidi-stream ceiling, round trips with unary calls at the same concurrency.</summary>
    private static ScenarioResult? CeilingFor(ScenarioResult row, IReadOnlyList<ScenarioResult> results) =>
        PatternScenarios.IsRoundTrip(row.Pattern)
            ? results.FirstOrDefault(r => r.Path == "ceiling" && r.Pattern == "unary round trip" && r.Concurrency == row.Concurrency)
            : results.FirstOrDefault(r => r.Path == "ceiling" && r.Pattern == "bidi stream");
}
