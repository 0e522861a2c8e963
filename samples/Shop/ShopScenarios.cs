using Shop.Steps;

namespace Shop;

/// <summary>Runs every step in order, each bounded by its own time limit, and writes the report.</summary>
public sealed class ShopScenarios(IEnumerable<IShopStep> steps)
{
    /// <summary>Generous for 2 busy cores; a healthy step takes well under a second.</summary>
    public static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(20);

    public async Task RunAsync(ShopReport report, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
            await report.RunStepAsync(step.Name, step.Title, StepLimit, step.RunAsync, cancellationToken);
        report.Summarize();
    }
}
