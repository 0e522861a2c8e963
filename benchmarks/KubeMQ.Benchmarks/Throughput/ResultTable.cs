using System.Globalization;
using System.Text;

namespace KubeMQ.Benchmarks.Throughput;

/// <summary>
/// The markdown table of one run: each pattern through each path, with the ratios typed/core and core/ceiling
/// measured in the same run (so they hold on a noisy machine where absolute numbers do not).
/// </summary>
internal static class ResultTable
{
    public static string Render(IReadOnlyList<ScenarioResult> results, Func<ScenarioResult, ScenarioResult?> ceilingOf)
    {
        var text = new StringBuilder();
        text.AppendLine("| pattern | path | conc. | msgs/s | p50 | p99 | peak working set | typed/core | core/ceiling |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in results)
        {
            var core = results.FirstOrDefault(r => r.Pattern == row.Pattern && r.Concurrency == row.Concurrency && r.Path == "core");
            var typedOverCore = row.Path == "typed" && core is not null ? Ratio(row, core) : "";
            var ceiling = row.Path == "core" ? ceilingOf(row) : null;
            var coreOverCeiling = ceiling is not null ? Ratio(row, ceiling) : "";
            text.Append(CultureInfo.InvariantCulture, $"| {row.Pattern} | {row.Path} | {row.Concurrency} | ");
            text.Append(row.Failed ? $"FAILED ({row.FailureReason})" : row.MessagesPerSecond.ToString("N0", CultureInfo.InvariantCulture));
            text.Append(CultureInfo.InvariantCulture, $" | {Micros(row.P50)} | {Micros(row.P99)} | {row.PeakWorkingSetBytes / (1024 * 1024)} MB | {typedOverCore} | {coreOverCeiling} |");
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Ratio(ScenarioResult numerator, ScenarioResult denominator) =>
        denominator.MessagesPerSecond <= 0 ? "n/a" : (numerator.MessagesPerSecond / denominator.MessagesPerSecond).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Micros(TimeSpan value) => value.TotalMilliseconds >= 10
        ? value.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms"
        : (value.Ticks / 10).ToString(CultureInfo.InvariantCulture) + " µs";
}
