using System.Globalization;

namespace KubeMQ.Benchmarks.Throughput;

/// <summary>Command line of the throughput harness: <c>throughput [--seconds N] [--quick] [--out file.md] [--only text] [--rounds N]</c>.</summary>
/// <param name="Rounds">Runs every scenario this many times and reports, per row, the round with the median throughput.</param>
/// <param name="Only">Runs only the scenarios (ceilings included) whose pattern contains this text, e.g. to profile one of them.</param>
internal sealed record ThroughputOptions(TimeSpan WarmUp, TimeSpan Measure, bool Quick, string? OutputPath, int BodySize, string? Only = null, int Rounds = 1)
{
    public static ThroughputOptions Parse(IReadOnlyList<string> args)
    {
        var seconds = 5.0;
        var quick = false;
        string? output = null;
        string? only = null;
        var rounds = 1;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--seconds" when i + 1 < args.Count && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0:
                    seconds = s;
                    i++;
                    break;
                case "--out" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                case "--rounds" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) && r > 0:
                    rounds = r;
                    i++;
                    break;
                case "--only" when i + 1 < args.Count:
                    only = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete throughput option '{args[i]}'. Use: throughput [--seconds N] [--quick] [--out file.md] [--only text] [--rounds N]");
            }
        }
        // Quick mode is CI's smoke run: short windows, every pattern still exercised end to end.
        return quick
            ? new ThroughputOptions(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), true, output, 1024, only, rounds)
            : new ThroughputOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds), false, output, 1024, only, rounds);
    }
}
