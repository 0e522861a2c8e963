using Microsoft.CodeAnalysis;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>
/// Each supported contract shape generates the reviewed source (snapshot beside the tests), draws no analyzer
/// diagnostic, and compiles in the consumer with nullable enabled and every warning an error.
/// </summary>
public sealed class ContractShapeTests
{
    [Theory]
    [InlineData("Nested", "Shapes.Inventory.Api.IStock.KubeMQ.g.cs")]
    [InlineData("Internal", "Shapes.IHousekeeping.KubeMQ.g.cs")]
    [InlineData("GlobalNamespace", "IGlobalEvents.KubeMQ.g.cs")]
    [InlineData("Inheritance", "Shapes.IDerivedQueries.KubeMQ.g.cs")]
    [InlineData("TypeShapes", "Shapes.IShapeQueries.KubeMQ.g.cs")]
    [InlineData("Records", "Shapes.IRecordQueries.KubeMQ.g.cs")]
    [InlineData("Nullables", "Shapes.INullableQueries.KubeMQ.g.cs")]
    [InlineData("Arrays", "Shapes.IArrayQueries.KubeMQ.g.cs")]
    [InlineData("Lists", "Shapes.IListQueries.KubeMQ.g.cs")]
    [InlineData("Dictionaries", "Shapes.IDictionaryQueries.KubeMQ.g.cs")]
    [InlineData("Enums", "Shapes.IEnumEvents.KubeMQ.g.cs")]
    [InlineData("Keywords", "Shapes.IKeywordCommands.KubeMQ.g.cs")]
    public async Task Contract_shape_generates_its_snapshot_and_compiles(string shape, string hintName)
    {
        var source = (string)typeof(ShapeSources).GetField(shape)!.GetValue(null)!;
        var compilation = GeneratorHarness.CreateCompilation(ShapeSources.Model, source);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(compilation));
        var run = GeneratorHarness.Run(compilation);

        run.AssertCompilesCleanly();
        var generated = run.Result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName);
        SnapshotFile.Verify(generated.SourceText.ToString(), "Shape." + shape);
    }

    [Fact]
    public async Task Contracts_from_a_referenced_assembly_are_generated_internal_in_the_consumer_and_compile()
    {
        var library = GeneratorHarness.CreateCompilation("Remote.Contracts", [], ShapeSources.RemoteLibrary);
        var consumer = GeneratorHarness.CreateCompilation("Consumer", [GeneratorHarness.ToMetadataReference(library)], ShapeSources.RemoteConsumer);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(consumer));
        var run = GeneratorHarness.Run(consumer);

        run.AssertCompilesCleanly();
        var sources = run.Result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Equal(["Remote.Contracts.IQuotes.KubeMQ.g.cs", "Remote.Contracts.ITicks.KubeMQ.g.cs"], sources.Keys.Order(StringComparer.Ordinal));
        SnapshotFile.Verify(sources["Remote.Contracts.IQuotes.KubeMQ.g.cs"], "Shape.ReferencedAssembly");
        Assert.DoesNotContain("public ", sources["Remote.Contracts.ITicks.KubeMQ.g.cs"].Split('\n').Where(l => l.Contains("class ", StringComparison.Ordinal) || l.Contains("interface ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Contract_inheriting_from_an_interface_of_a_referenced_assembly_compiles()
    {
        var library = GeneratorHarness.CreateCompilation("Remote.Contracts", [], ShapeSources.RemoteLibrary);
        var compilation = GeneratorHarness.CreateCompilation("Contracts", [GeneratorHarness.ToMetadataReference(library)],
            ShapeSources.Model.Replace("JsonSerializable(typeof(int))", "JsonSerializable(typeof(int)), JsonSerializable(typeof(Remote.Contracts.Quote))", StringComparison.Ordinal),
            ShapeSources.DerivedFromRemote);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(compilation));
        var run = GeneratorHarness.Run(compilation);

        run.AssertCompilesCleanly();
        SnapshotFile.Verify(run.SingleSource(), "Shape.InheritsAcrossAssemblies");
    }

    [Fact]
    public async Task Referenced_contract_already_generated_in_its_own_assembly_is_reported_and_not_generated_twice()
    {
        var libraryModel = ShapeSources.RemoteConsumer[..ShapeSources.RemoteConsumer.IndexOf("internal sealed class Quotes", StringComparison.Ordinal)]
            .Replace("[assembly: KubeMQContracts(typeof(IQuotes), typeof(ITicks))]", "", StringComparison.Ordinal)
            .Replace("internal sealed class QuoteJson", "public sealed class QuoteJson", StringComparison.Ordinal) + "}\n";
        var generatedLibrary = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Remote.Contracts", [], ShapeSources.RemoteLibrary, libraryModel));
        generatedLibrary.AssertCompilesCleanly();
        var consumer = GeneratorHarness.CreateCompilation("Consumer", [GeneratorHarness.ToMetadataReference(generatedLibrary.Output)],
            "using KubeMQ.Typed; [assembly: KubeMQContracts(typeof(Remote.Contracts.ITicks))] [assembly: KubeMQJsonContext(typeof(Consumer.QuoteJson))]");

        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(consumer));

        Assert.Equal("KMQ0016", diagnostic.Id);
        Assert.Equal("typeof(Remote.Contracts.ITicks)", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Empty(GeneratorHarness.Run(consumer).Result.GeneratedTrees);
    }

    [Fact]
    public async Task Non_contract_named_in_assembly_contracts_is_reported_at_its_typeof()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(ShapeSources.Model,
            "using KubeMQ.Typed; [assembly: KubeMQContracts(typeof(System.IDisposable))]");

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("KMQ0017", diagnostic.Id);
        Assert.Equal("typeof(System.IDisposable)", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }
}
