using System.Collections.Immutable;
using System.Diagnostics;
using KubeMQ.Typed.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KubeMQ.Benchmarks.Generator;

/// <summary>
/// Runs the KubeMQ generator over a <see cref="ContractCorpus"/> through CSharpGeneratorDriver, as the compiler does:
/// a full run on a fresh compilation (a command-line build), and incremental runs that reuse the previous driver after
/// one edit (what the IDE does on every keystroke). Parsing is not timed: the compiler has parsed before generators run.
/// </summary>
internal sealed class GeneratorWorkload
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private readonly ContractCorpus _corpus;
    private readonly CSharpCompilation _compilation;
    private readonly bool _trackSteps;
    private int _edits;

    /// <param name="trackSteps">Records each pipeline step's time (Roslyn's step tracking, which itself costs time).</param>
    public GeneratorWorkload(ContractCorpus corpus, bool trackSteps)
    {
        _corpus = corpus;
        _trackSteps = trackSteps;
        _compilation = CSharpCompilation.Create(
            "Bench.Contracts",
            corpus.Files.Select(file => CSharpSyntaxTree.ParseText(file.Text, ParseOptions, path: file.Path)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>One full run on a fresh compilation: the elapsed time and what it produced.</summary>
    public (TimeSpan Elapsed, GeneratorDriverRunResult Result) RunFull()
    {
        // A clone has the same syntax trees but none of the semantic state an earlier run built up, as in a new build.
        var compilation = _compilation.Clone();
        var driver = CreateDriver();
        var started = Stopwatch.GetTimestamp();
        driver = driver.RunGenerators(compilation);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (elapsed, driver.GetRunResult());
    }

    /// <summary>
    /// Primes a driver with a full run, then times <paramref name="samples"/> incremental runs, each after one more
    /// edit of the same kind, and reports how many generated files changed text in the last one.
    /// </summary>
    public IncrementalSamples RunIncremental(IncrementalEdit edit, int samples)
    {
        var compilation = _compilation.Clone();
        var driver = CreateDriver().RunGenerators(compilation);
        var times = new List<TimeSpan>(samples);
        var changedFiles = 0;
        var stepTimes = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        for (var i = 0; i < samples; i++)
        {
            var before = driver.GetRunResult();
            var edited = Apply(compilation, edit, ++_edits);
            var started = Stopwatch.GetTimestamp();
            driver = driver.RunGenerators(edited);
            times.Add(Stopwatch.GetElapsedTime(started));
            changedFiles = CountChangedFiles(before, driver.GetRunResult());
            AddStepTimes(driver.GetRunResult(), stepTimes);
            compilation = edited;
        }
        return new IncrementalSamples(times, changedFiles, stepTimes);
    }

    private CSharpCompilation Apply(CSharpCompilation compilation, IncrementalEdit edit, int revision)
    {
        var (path, text) = edit switch
        {
            IncrementalEdit.OneContract => (_corpus.EditedContractFileName, _corpus.EditedContractFile(revision)),
            IncrementalEdit.OutsideContracts => (ContractCorpus.UnrelatedFileName, ContractCorpus.UnrelatedFile(revision)),
            _ => throw new ArgumentOutOfRangeException(nameof(edit), edit, "unknown edit"),
        };
        var old = compilation.SyntaxTrees.Single(tree => tree.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, ParseOptions, path: path));
    }

    private static void AddStepTimes(GeneratorDriverRunResult result, Dictionary<string, TimeSpan> totals)
    {
        foreach (var (name, runs) in result.Results.SelectMany(r => r.TrackedSteps))
            totals[name] = totals.GetValueOrDefault(name) + runs.Aggregate(TimeSpan.Zero, (sum, run) => sum + run.ElapsedTime);
    }

    private static int CountChangedFiles(GeneratorDriverRunResult before, GeneratorDriverRunResult after)
    {
        var previous = before.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return after.Results.SelectMany(r => r.GeneratedSources)
            .Count(s => !previous.TryGetValue(s.HintName, out var text) || text != s.SourceText.ToString());
    }

    private GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new KubeMQContractGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: _trackSteps));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // What a contracts project compiles against: the framework, KubeMQ.Typed and what it depends on.
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var ours = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("KubeMQ.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
                && !name.StartsWith("KubeMQ.Typed.Generators", StringComparison.Ordinal)
                && !name.StartsWith("KubeMQ.Benchmarks", StringComparison.Ordinal));
        return platform.Concat(ours)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(group => (MetadataReference)MetadataReference.CreateFromFile(group.First()))
            .ToImmutableArray();
    }
}

internal enum IncrementalEdit
{
    /// <summary>One line of one contract changes (its channel attribute): that contract's output must be re-emitted.</summary>
    OneContract,

    /// <summary>A file that declares no contract changes: nothing should be re-emitted.</summary>
    OutsideContracts,
}

/// <param name="StepTimes">With step tracking on: the total time of each named pipeline step over all samples.</param>
internal sealed record IncrementalSamples(IReadOnlyList<TimeSpan> Times, int ChangedFilesInLastRun, IReadOnlyDictionary<string, TimeSpan> StepTimes);
