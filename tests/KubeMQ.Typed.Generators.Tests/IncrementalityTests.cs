using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>The pipeline's models are plain values: an unrelated edit re-runs nothing downstream of parsing.</summary>
public sealed class IncrementalityTests
{
    [Fact]
    public void Unrelated_edit_leaves_every_contract_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.CreateCompilation(ContractSources.Model, ContractSources.Queries, ContractSources.Queue);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Shop { internal static class Unrelated { } }", GeneratorHarness.ParseOptions));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[]
                 {
                     KubeMQContractGenerator.TrackingNames.Contracts,
                     KubeMQContractGenerator.TrackingNames.Models,
                     KubeMQContractGenerator.TrackingNames.ModelsWithJsonContext,
                     KubeMQContractGenerator.TrackingNames.Diagnostics,
                 })
        {
            var outputs = second.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} output was {output.Reason}"));
        }
    }

    [Fact]
    public void Editing_one_contract_changes_only_that_contracts_model()
    {
        var compilation = GeneratorHarness.CreateCompilation(ContractSources.Model, ContractSources.Queries, ContractSources.Queue);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var queueTree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("IImageJobs", StringComparison.Ordinal));
        var changedQueue = CSharpSyntaxTree.ParseText(
            queueTree.ToString().Replace("MaxReceiveCount = 3", "MaxReceiveCount = 4", StringComparison.Ordinal),
            GeneratorHarness.ParseOptions, queueTree.FilePath);
        var second = driver.RunGenerators(compilation.ReplaceSyntaxTree(queueTree, changedQueue)).GetRunResult().Results.Single();

        var reasons = second.TrackedSteps[KubeMQContractGenerator.TrackingNames.Models]
            .SelectMany(s => s.Outputs)
            .Select(o => (Contract: ((dynamic)o.Value).DisplayName as string, o.Reason))
            .ToList();
        Assert.Contains(reasons, r => r.Contract == "Shop.Contracts.IImageJobs" && r.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(reasons, r => r.Contract == "Shop.Contracts.IProductQueries"
            && r.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }
}
