using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis;

namespace KubeMQ.Benchmarks.Generator;

/// <summary>
/// The `generator` verb: times the KubeMQ source generator on a large contracts project and prints a markdown table
/// (medians after warm-up runs, so the JIT and Roslyn's own caches are not what is measured).
/// </summary>
internal static class GeneratorCommand
{
    public const string Usage = "generator [--contracts N] [--methods N] [--runs N] [--out file.md] [--steps]";

    public static int Run(string[] args)
    {
        GeneratorOptions options;
        try
        {
            options = GeneratorOptions.Parse(args);
        }
        catch (ArgumentException invalid)
        {
            Console.Error.WriteLine(invalid.Message);
            Console.Error.WriteLine("Usage: KubeMQ.Benchmarks " + Usage);
            return 2;
        }

        var corpus = ContractCorpus.Create(options.Contracts, options.MethodsPerContract);
        var workload = new GeneratorWorkload(corpus, options.Steps);
        Console.Error.WriteLine($"Generator benchmark: {options.Contracts} contracts x {options.MethodsPerContract} methods, {options.Runs} timed runs each.");

        // Warm-up: JIT the generator and Roslyn's binder, and check the corpus is one the generator accepts.
        var (_, first) = workload.RunFull();
        var errors = first.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            Console.Error.WriteLine($"The generator rejected the benchmark contracts ({errors.Count} errors), first: {errors[0]}");
            return 1;
        }
        var firstFiles = first.Results.Sum(r => r.GeneratedSources.Length);
        if (firstFiles < options.Contracts)
        {
            Console.Error.WriteLine($"The generator wrote {firstFiles} files for {options.Contracts} contracts; every contract should have its file.");
            return 1;
        }
        workload.RunFull();
        workload.RunIncremental(IncrementalEdit.OneContract, 3);
        workload.RunIncremental(IncrementalEdit.OutsideContracts, 3);

        var full = new List<TimeSpan>();
        GeneratorDriverRunResult? result = null;
        for (var i = 0; i < options.Runs; i++)
        {
            var (elapsed, run) = workload.RunFull();
            full.Add(elapsed);
            result = run;
        }
        var contractEdit = workload.RunIncremental(IncrementalEdit.OneContract, options.Runs * 2);
        var unrelatedEdit = workload.RunIncremental(IncrementalEdit.OutsideContracts, options.Runs * 2);

        var generated = result!.Results.SelectMany(r => r.GeneratedSources).ToList();
        var report = Report(options, generated.Count, generated.Sum(s => (long)s.SourceText.Length), full, contractEdit, unrelatedEdit);
        Console.WriteLine(report);
        if (options.OutputFile is not null)
            File.WriteAllText(options.OutputFile, report);
        return 0;
    }

    private static string Report(GeneratorOptions options, int files, long characters, IReadOnlyList<TimeSpan> full,
        IncrementalSamples contractEdit, IncrementalSamples unrelatedEdit)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{options.Contracts} contracts x {options.MethodsPerContract} methods (all five patterns in turn), " +
            $"{Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, Roslyn {typeof(Compilation).Assembly.GetName().Version}.");
        text.AppendLine();
        text.AppendLine("| run | median | min | max | runs | generated files re-emitted |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        text.AppendLine(Row("full run (fresh compilation)", full, files.ToString(c)));
        text.AppendLine(Row("incremental: one-line edit in one contract", contractEdit.Times, contractEdit.ChangedFilesInLastRun.ToString(c)));
        text.AppendLine(Row("incremental: edit in a file with no contract", unrelatedEdit.Times, unrelatedEdit.ChangedFilesInLastRun.ToString(c)));
        text.AppendLine();
        text.AppendLine(c, $"Generated: {files} files, {characters / 1024.0 / 1024.0:0.0} M characters of C#.");
        if (options.Steps)
        {
            text.AppendLine();
            text.AppendLine("Time per pipeline step, summed over the incremental runs after a contract edit (step tracking on, so every time above includes its overhead):");
            text.AppendLine();
            text.AppendLine("| step | total |");
            text.AppendLine("|---|---:|");
            foreach (var (step, time) in contractEdit.StepTimes.OrderByDescending(s => s.Value))
                text.AppendLine(c, $"| {step} | {time.TotalMilliseconds:0.0} ms |");
        }
        return text.ToString();
    }

    private static string Row(string name, IReadOnlyList<TimeSpan> times, string files)
    {
        var c = CultureInfo.InvariantCulture;
        var sorted = times.Select(t => t.TotalMilliseconds).Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(c, $"| {name} | {median:0.0} ms | {sorted[0]:0.0} ms | {sorted[^1]:0.0} ms | {sorted.Count} | {files} |");
    }
}
