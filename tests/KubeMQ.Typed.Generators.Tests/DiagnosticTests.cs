using Microsoft.CodeAnalysis;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>
/// Misused contracts produce one named error at the offending syntax (not the whole interface) from the analyzer, and
/// the generator emits nothing for them and reports nothing itself (so #pragma can silence the analyzer's report).
/// </summary>
public sealed class DiagnosticTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using KubeMQ.Typed;\n";

    [Theory]
    [InlineData("KMQ0001", """[KubeMQChannel("a.b")] public class NotAContract { }""", """KubeMQChannel("a.b")""")]
    [InlineData("KMQ0002", """[KubeMQChannel("")] public interface IEmpty { Task Go(); }""", "\"\"")]
    [InlineData("KMQ0002", """[KubeMQChannel("  ")] public interface IBlank { Task Go(); }""", "\"  \"")]
    [InlineData("KMQ0002", """[KubeMQChannel("a b")] public interface ISpace { Task Go(); }""", "\"a b\"")]
    [InlineData("KMQ0002", """[KubeMQChannel("a.*")] public interface IWild { Task Go(); }""", "\"a.*\"")]
    [InlineData("KMQ0002", """[KubeMQChannel("a.>")] public interface IWild2 { Task Go(); }""", "\"a.>\"")]
    [InlineData("KMQ0002", """[KubeMQChannel("a.")] public interface IDot { Task Go(); }""", "\"a.\"")]
    [InlineData("KMQ0003", """[KubeMQChannel("a.b", Pattern = KubeMQPattern.Events)] public interface IEv { Task<int> Go(); }""", "Task<int>")]
    [InlineData("KMQ0003", """[KubeMQChannel("a.b")] public interface ISync { Task Ok(); int Go(); }""", "int")]
    [InlineData("KMQ0004", """[KubeMQChannel("a.b")] public interface IGen { Task Go<T>(int x); }""", "<T>")]
    [InlineData("KMQ0005", """[KubeMQChannel("a.b")] public interface IRef { Task Go(ref int x); }""", "ref int x")]
    [InlineData("KMQ0005", """[KubeMQChannel("a.b")] public interface IOut { Task Go(int a, out int x); }""", "out int x")]
    [InlineData("KMQ0005", """[KubeMQChannel("a.b")] public interface IIn { Task Go(in int x); }""", "in int x")]
    [InlineData("KMQ0006", """[KubeMQChannel("a.b")] public interface ICt { Task Go(int x, CancellationToken a, CancellationToken b); }""", "CancellationToken a")]
    [InlineData("KMQ0006", """[KubeMQChannel("a.b")] public interface ICtFirst { Task Go(CancellationToken a, int x); }""", "CancellationToken a")]
    [InlineData("KMQ0007", """[KubeMQChannel("a.b")] public interface IOver { Task Go(int x); Task Go(string y); }""", "Go")]
    [InlineData("KMQ0007", """[KubeMQChannel("a.b")] public interface IRenamed { [KubeMQMethod("Go")] Task Other(); Task Go(); }""", "Go")]
    [InlineData("KMQ0008", """[KubeMQChannel("a.b")] public interface IProp { int Value { get; } Task Go(); }""", "Value")]
    [InlineData("KMQ0008", """[KubeMQChannel("a.b")] public interface IEvent { event EventHandler Changed; Task Go(); }""", "Changed")]
    [InlineData("KMQ0008", """[KubeMQChannel("a.b")] public interface IStatic { static Task Make() => Task.CompletedTask; Task Go(); }""", "Make")]
    [InlineData("KMQ0009", """[KubeMQChannel("a.b", CacheTtl = 5)] public interface ICmd { Task Go(); }""", "CacheTtl = 5")]
    [InlineData("KMQ0009", """[KubeMQChannel("a.b", Pattern = KubeMQPattern.Events)] public interface IEvKey { [CacheKey("k")] Task Go(); }""", """CacheKey("k")""")]
    [InlineData("KMQ0010", """[KubeMQChannel("a.b", CacheTtl = 5)] public interface IKey { [CacheKey("x:{nope}")] Task<int> Go(int id); }""", "\"x:{nope}\"")]
    [InlineData("KMQ0011", """public sealed record Widget(int Id); [KubeMQChannel("a.b")] public interface IWidgets { Task<int> Add(string name, Widget widget); }""", "Widget")]
    [InlineData("KMQ0011", """[KubeMQChannel("a.b")] public interface ILongs { Task<long> Count(); }""", "Task<long>")]
    [InlineData("KMQ0011", """[KubeMQChannel("a.b")] public interface INullableInt { Task<int?> Find(string name); }""", "Task<int?>")]
    [InlineData("KMQ0012", """[KubeMQChannel("a.b", JsonContext = null)] public interface INoContext { Task<int> Go(); }""", null)]
    [InlineData("KMQ0013", """[KubeMQChannel("a.b")] public interface IMixed { Task Go(); Task<int> Get(); }""", """KubeMQChannel("a.b")""")]
    [InlineData("KMQ0013", """[KubeMQChannel("a.b")] public interface INothing { }""", """KubeMQChannel("a.b")""")]
    [InlineData("KMQ0014", """[KubeMQChannel("a.b")] public interface IOpen<T> { Task Go(); }""", "<T>")]
    [InlineData("KMQ0015", """[KubeMQChannel("a.b")] public interface INoTtl { [CacheKey("x:{id}")] Task<int> Go(int id); }""", """CacheKey("x:{id}")""")]
    [InlineData("KMQ0018", """public class Outer { [KubeMQChannel("a.b")] private interface IHidden { Task Go(); } }""", "IHidden")]
    [InlineData("KMQ0018", """internal class Outer2 { protected internal class Mid { [KubeMQChannel("a.b")] protected interface IHidden2 { Task Go(); } } }""", "IHidden2")]
    [InlineData("KMQ0018", """[KubeMQChannel("a.b")] file interface IFileLocal { Task Go(); }""", "IFileLocal")]
    public async Task Misuse_is_reported_once_with_its_id_at_the_offending_syntax_and_nothing_is_generated(string id, string declaration, string? located)
    {
        var source = Usings + declaration;
        if (id == "KMQ0012")
        {
            // Without the shared model, nothing names a context.
            var lonely = await GeneratorHarness.AnalyzeAsync(source);
            var noContext = Assert.Single(lonely);
            Assert.Equal(id, noContext.Id);
            Assert.Equal("""KubeMQChannel("a.b", JsonContext = null)""", noContext.Location.SourceTree!.GetText().ToString(noContext.Location.SourceSpan));
            Assert.Empty(GeneratorHarness.Run(source).Result.GeneratedTrees);
            return;
        }

        var diagnostics = await GeneratorHarness.AnalyzeAsync(ContractSources.Model, source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.True(diagnostic.Location.IsInSource, "a real source location, so #pragma and code fixes apply");
        var text = diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
        Assert.Equal(located, text);
        if (declaration.Contains("IOver", StringComparison.Ordinal))
        {
            var tree = diagnostic.Location.SourceTree.ToString();
            Assert.True(diagnostic.Location.SourceSpan.Start > tree.IndexOf("Go(", StringComparison.Ordinal), "the second overload is blamed");
        }

        var run = GeneratorHarness.Run(ContractSources.Model, source);
        Assert.Empty(run.GeneratorDiagnostics);
        if (id != "KMQ0011")
            Assert.Empty(run.Result.GeneratedTrees);
    }

    [Fact]
    public async Task Unsupported_return_type_message_lists_the_supported_ones()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(ContractSources.Model,
            Usings + """[KubeMQChannel("a.b", Pattern = KubeMQPattern.Queries)] public interface ISync { Task<int> Ok(); int Go(); }""");

        var message = Assert.Single(diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Task, Task<T>, ValueTask and ValueTask<T>", message);
    }

    [Fact]
    public async Task Unregistered_type_message_names_the_type_the_method_and_the_context()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(ContractSources.Model,
            Usings + """[KubeMQChannel("a.b")] public interface ILongs { Task<long> Count(); }""");

        var message = Assert.Single(diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("'long' of method 'Count' is not registered in JsonSerializerContext 'Shop.ShopJson'; add [JsonSerializable(typeof(long))] to it", message);
    }

    [Fact]
    public async Task Nullable_reference_annotation_needs_no_registration_of_its_own()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(ContractSources.Model,
            Usings + """[KubeMQChannel("a.b")] public interface INames { Task<string?> Find(string? name); }""");

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("[KubeMQChannel(\"a.b\")] public interface IOver { Task Go(int x);\n#pragma warning disable KMQ0007\nTask Go(string y);\n#pragma warning restore KMQ0007\n}")]
    [InlineData("#pragma warning disable KMQ0002\n[KubeMQChannel(\"a.*\")]\n#pragma warning restore KMQ0002\npublic interface IWild { Task Go(); }")]
    [InlineData("[KubeMQChannel(\"a.b\")] public interface ILongs {\n#pragma warning disable KMQ0011\nTask<long> Count();\n#pragma warning restore KMQ0011\n}")]
    public async Task Pragma_warning_disable_silences_the_diagnostic(string declaration)
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(ContractSources.Model, Usings + declaration);

        Assert.Empty(diagnostics);
        // The generator reports nothing of its own that a pragma could not reach.
        Assert.Empty(GeneratorHarness.Run(ContractSources.Model, Usings + declaration).GeneratorDiagnostics);
    }

    [Fact]
    public async Task Problems_of_an_inherited_method_from_a_referenced_assembly_point_at_the_contract()
    {
        var library = GeneratorHarness.CreateCompilation("Bases", [], "using System.Threading.Tasks; namespace Bases { public interface IBase { Task<int> Go(ref int x); } }");
        var compilation = GeneratorHarness.CreateCompilation("Contracts", [GeneratorHarness.ToMetadataReference(library)],
            ContractSources.Model, Usings + """[KubeMQChannel("a.b")] public interface IDerived : Bases.IBase { }""");

        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(compilation));

        Assert.Equal("KMQ0005", diagnostic.Id);
        Assert.Equal("IDerived", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Fact]
    public async Task Problem_in_a_base_contract_is_reported_once_not_again_for_each_derived_contract()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(ContractSources.Model, Usings + """
            [KubeMQChannel("a.base")] public interface IBase { Task Go(ref int x); }
            [KubeMQChannel("a.one")] public interface IOne : IBase { }
            [KubeMQChannel("a.two")] public interface ITwo : IBase { }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("KMQ0005", diagnostic.Id);
        Assert.Empty(GeneratorHarness.Run(ContractSources.Model, Usings + """
            [KubeMQChannel("a.base")] public interface IBase { Task Go(ref int x); }
            [KubeMQChannel("a.one")] public interface IOne : IBase { }
            """).Result.GeneratedTrees);
    }

    [Fact]
    public async Task Every_reported_id_is_in_the_unshipped_release_file()
    {
        var releases = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Generator, "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in new KubeMQ.Typed.Generators.Analysis.KubeMQContractAnalyzer().SupportedDiagnostics)
            Assert.Contains(descriptor.Id + " |", releases);
        Assert.Contains("KMQ0099 |", releases);
    }
}
