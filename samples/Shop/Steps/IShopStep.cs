namespace Shop.Steps;

/// <summary>One scenario of the shop: exercises one pattern and fails with <see cref="StepFailedException"/> if it misbehaves.</summary>
public interface IShopStep
{
    /// <summary>Short name printed in the report and the exit message, e.g. "queries".</summary>
    string Name { get; }

    string Title { get; }

    Task RunAsync(StepLog log, CancellationToken cancellationToken);
}
