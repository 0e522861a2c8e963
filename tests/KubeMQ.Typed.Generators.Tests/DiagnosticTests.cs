using Microsoft.CodeAnalysis;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>Misused contracts produce a named error at the offending syntax and no generated source.</summary>
public sealed class DiagnosticTests
{
    [Theory]
    [InlineData("KMQ0001", """[KubeMQChannel("a.b")] public class NotAContract { }""")]
    [InlineData("KMQ0002", """[KubeMQChannel("a.*")] public interface IWild { Task Go(); }""")]
    [InlineData("KMQ0002", """[KubeMQChannel("a.")] public interface IDot { Task Go(); }""")]
    [InlineData("KMQ0003", """[KubeMQChannel("a.b", Pattern = KubeMQPattern.Events)] public interface IEv { Task<int> Go(); }""")]
    [InlineData("KMQ0003", """[KubeMQChannel("a.b")] public interface ISync { int Go(); }""")]
    [InlineData("KMQ0005", """[KubeMQChannel("a.b")] public interface IRef { Task Go(ref int x); }""")]
    [InlineData("KMQ0006", """[KubeMQChannel("a.b")] public interface ICt { Task Go(CancellationToken a, int x); }""")]
    [InlineData("KMQ0007", """[KubeMQChannel("a.b")] public interface IOver { Task Go(int x); Task Go(string y); }""")]
    [InlineData("KMQ0008", """[KubeMQChannel("a.b")] public interface IProp { int Value { get; } Task Go(); }""")]
    [InlineData("KMQ0009", """[KubeMQChannel("a.b", CacheTtl = 5)] public interface ICmd { Task Go(); }""")]
    [InlineData("KMQ0010", """[KubeMQChannel("a.b", CacheTtl = 5)] public interface IKey { [CacheKey("x:{nope}")] Task<int> Go(int id); }""")]
    [InlineData("KMQ0013", """[KubeMQChannel("a.b")] public interface IMixed { Task Go(); Task<int> Get(); }""")]
    [InlineData("KMQ0015", """[KubeMQChannel("a.b")] public interface INoTtl { [CacheKey("x:{id}")] Task<int> Go(int id); }""")]
    public void Misuse_is_reported_with_its_id_and_nothing_is_generated(string id, string declaration)
    {
        var source = "using System.Threading; using System.Threading.Tasks; using KubeMQ.Typed;\n" + declaration;

        var run = GeneratorHarness.Run(ContractSources.Model, source);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        // Locations are rebuilt from values (models hold no syntax trees), so they are file locations, not tree ones.
        Assert.Equal("Contract1.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.True(diagnostic.Location.SourceSpan.Length > 0, "the diagnostic points at the offending syntax");
        Assert.Empty(run.Result.GeneratedTrees);
    }

    [Fact]
    public void Contract_without_any_json_context_is_reported()
    {
        const string source = """
            using System.Threading.Tasks;
            using KubeMQ.Typed;
            [KubeMQChannel("a.b")] public interface ILonely { Task<int> Go(); }
            """;

        var run = GeneratorHarness.Run(source);

        Assert.Equal("KMQ0012", Assert.Single(run.GeneratorDiagnostics).Id);
    }
}
