using System.Collections.Immutable;
using KubeMQ.Typed.Generators.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>Compiles contract source in memory, runs the generator (or the analyzer) over it, and returns what came out.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static ImmutableArray<MetadataReference> DefaultReferences => References.Value;

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation("Contracts", [], sources);

    public static CSharpCompilation CreateCompilation(string assemblyName, IEnumerable<MetadataReference> extraReferences, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Contract{i}.cs")),
            References.Value.AddRange(extraReferences),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error));

    public static GeneratorDriver CreateDriver(KubeMQContractGenerator? generator = null) =>
        CSharpGeneratorDriver.Create(
            [(generator ?? new KubeMQContractGenerator()).AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    public static GeneratorRun Run(Compilation compilation, KubeMQContractGenerator? generator = null)
    {
        var driver = CreateDriver(generator).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver, output, generatorDiagnostics);
    }

    /// <summary>The analyzer's diagnostics, after #pragma and options filtering, as a build would report them.</summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(params string[] sources) => AnalyzeAsync(CreateCompilation(sources));

    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation) =>
        compilation.WithAnalyzers([new KubeMQContractAnalyzer()]).GetAnalyzerDiagnosticsAsync();

    /// <summary>A compiled library as a metadata reference, as a consuming project sees it.</summary>
    public static MetadataReference ToMetadataReference(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        // The consuming project's view: the runtime of typed contracts and what it depends on.
        var ours = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("KubeMQ.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
                && !name.StartsWith("KubeMQ.Typed.Generators", StringComparison.Ordinal)
                && !name.StartsWith("KubeMQ.Typed.CodeFixes", StringComparison.Ordinal));
        return platform.Concat(ours)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(group => (MetadataReference)MetadataReference.CreateFromFile(group.First()))
            .ToImmutableArray();
    }
}

internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    public string SingleSource()
    {
        var sources = Result.Results.SelectMany(r => r.GeneratedSources).ToList();
        Assert.True(sources.Count == 1, $"expected one generated file, got {sources.Count}: " +
            string.Join("; ", GeneratorDiagnostics.Select(d => d.ToString())));
        return sources[0].SourceText.ToString();
    }

    public IReadOnlyList<Diagnostic> CompilationErrorsAndWarnings() =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public void AssertCompilesCleanly()
    {
        Assert.True(GeneratorDiagnostics.IsEmpty, string.Join("\n", GeneratorDiagnostics));
        var problems = CompilationErrorsAndWarnings();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(d => d.ToString())));
    }
}
