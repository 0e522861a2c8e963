using Microsoft.CodeAnalysis;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>The generated code compiles in a consumer with nullable enabled and every warning reported as an error.</summary>
public sealed class GeneratedCodeCompilationTests
{
    [Fact]
    public void Generated_code_for_every_pattern_compiles_without_warnings_with_nullable_enabled()
    {
        var run = GeneratorHarness.Run(ContractSources.Model, ContractSources.Queries, ContractSources.Commands,
            ContractSources.Events, ContractSources.EventsStore, ContractSources.Queue);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(5, run.Result.GeneratedTrees.Length);
        var problems = run.CompilationErrorsAndWarnings();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(d => d.ToString())));
    }

    [Fact]
    public void Generated_files_have_unique_hint_names_from_fully_qualified_contract_names()
    {
        var run = GeneratorHarness.Run(ContractSources.Model, ContractSources.Queries, ContractSources.Queue);

        var hints = run.Result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal);
        Assert.Equal(["Shop.Contracts.IImageJobs.KubeMQ.g.cs", "Shop.Contracts.IProductQueries.KubeMQ.g.cs"], hints);
    }

    [Fact]
    public void Contract_in_the_global_namespace_with_an_inherited_method_compiles()
    {
        const string source = """
            using System.Threading.Tasks;
            using KubeMQ.Typed;

            public interface IPingable { Task<string> Ping(string from); }

            [KubeMQChannel("queries.health")]
            public interface IHealth : IPingable { Task<int> Load(); }
            """;

        var run = GeneratorHarness.Run(ContractSources.Model, source);

        Assert.Empty(run.GeneratorDiagnostics);
        var generated = run.SingleSource();
        Assert.Contains("global::IPingable.Ping(", generated);
        var problems = run.CompilationErrorsAndWarnings();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(d => d.ToString())));
    }
}
