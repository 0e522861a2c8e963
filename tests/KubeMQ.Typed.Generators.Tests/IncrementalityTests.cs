using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>The pipeline's models are plain values: an unrelated edit re-runs nothing downstream of parsing.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] Steps =
    [
        KubeMQContractGenerator.TrackingNames.Contracts,
        KubeMQContractGenerator.TrackingNames.ReferencedContracts,
        KubeMQContractGenerator.TrackingNames.AllContracts,
        KubeMQContractGenerator.TrackingNames.AssemblyJsonContext,
        KubeMQContractGenerator.TrackingNames.Models,
        KubeMQContractGenerator.TrackingNames.ModelsWithJsonContext,
    ];

    [Fact]
    public void Unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        var library = GeneratorHarness.CreateCompilation("Remote.Contracts", [], ShapeSources.RemoteLibrary);
        var compilation = GeneratorHarness.CreateCompilation("Consumer", [GeneratorHarness.ToMetadataReference(library)],
            ContractSources.Model, ContractSources.Queries, ContractSources.Queue, ShapeSources.RemoteConsumer);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Shop { internal static class Unrelated { } }", GeneratorHarness.ParseOptions));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in Steps)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), $"step {step} is tracked");
            var outputs = second.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} output was {output.Reason}"));
        }
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"an output was {output.Reason}"));
        Assert.Equal(4, second.GeneratedSources.Length);
    }

    [Fact]
    public void Editing_one_contract_changes_only_that_contracts_model_and_output()
    {
        var compilation = GeneratorHarness.CreateCompilation(ContractSources.Model, ContractSources.Queries, ContractSources.Queue, ContractSources.Commands);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        var queueTree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("IImageJobs", StringComparison.Ordinal));
        var changedQueue = CSharpSyntaxTree.ParseText(
            queueTree.ToString().Replace("MaxReceiveCount = 3", "MaxReceiveCount = 4", StringComparison.Ordinal),
            GeneratorHarness.ParseOptions, queueTree.FilePath);
        var second = driver.RunGenerators(compilation.ReplaceSyntaxTree(queueTree, changedQueue)).GetRunResult().Results.Single();

        var reasons = second.TrackedSteps[KubeMQContractGenerator.TrackingNames.Models]
            .SelectMany(s => s.Outputs)
            .Select(o => (Contract: ((dynamic)o.Value).DisplayName as string, o.Reason))
            .ToList();
        Assert.Equal(3, reasons.Count);
        Assert.All(reasons, r => Assert.True(
            r.Contract == "Shop.Contracts.IImageJobs"
                ? r.Reason == IncrementalStepRunReason.Modified
                : r.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"{r.Contract}: {r.Reason}"));

        var outputReasons = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Single(outputReasons, r => r == IncrementalStepRunReason.Modified);
        var after = second.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var changed = after.Where(pair => before[pair.Key] != pair.Value).Select(pair => pair.Key).ToList();
        Assert.Equal(["Shop.Contracts.IImageJobs.KubeMQ.g.cs"], changed);
    }
}
