using Microsoft.CodeAnalysis;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>A failure inside the generator becomes one KMQ0099 naming the contract; the build and the other contracts go on.</summary>
public sealed class GeneratorRobustnessTests
{
    [Theory]
    [InlineData(KubeMQContractGenerator.Stages.Parse)]
    [InlineData(KubeMQContractGenerator.Stages.Emit)]
    public void Internal_failure_on_one_contract_is_one_diagnostic_naming_it_and_the_others_are_generated(string stage)
    {
        var generator = new KubeMQContractGenerator((at, contract) =>
        {
            if (at == stage && contract == "Shop.Contracts.IImageJobs")
                throw new InvalidOperationException("injected failure");
        });
        var compilation = GeneratorHarness.CreateCompilation(ContractSources.Model, ContractSources.Queries, ContractSources.Queue);

        var run = GeneratorHarness.Run(compilation, generator);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("KMQ0099", diagnostic.Id);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Shop.Contracts.IImageJobs", message);
        Assert.Contains("InvalidOperationException: injected failure", message);
        Assert.NotEqual(Location.None, diagnostic.Location);
        var hint = Assert.Single(run.Result.Results.Single().GeneratedSources).HintName;
        Assert.Equal("Shop.Contracts.IProductQueries.KubeMQ.g.cs", hint);
        Assert.Null(run.Result.Results.Single().Exception);
    }

    [Fact]
    public void Internal_error_is_reported_by_the_generator_alone_so_a_shared_parser_failure_is_reported_once()
    {
        // The analyzer and generator share the parser; KMQ0099 is the generator's alone, so it is not in the analyzer's list.
        var analyzer = new KubeMQ.Typed.Generators.Analysis.KubeMQContractAnalyzer();

        Assert.DoesNotContain(analyzer.SupportedDiagnostics, d => d.Id == "KMQ0099");
    }
}
