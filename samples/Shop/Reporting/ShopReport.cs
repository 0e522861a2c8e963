namespace Shop;

/// <summary>
/// The readable report: one block per step with what was sent and received, then PASS or FAIL with the reason, and a
/// closing line naming every failed step.
/// </summary>
public sealed class ShopReport(TextWriter output)
{
    private readonly List<string> _failed = [];
    private int _passed;

    public IReadOnlyList<string> FailedSteps => _failed;

    public int ExitCode => _failed.Count == 0 && _passed > 0 ? ShopApp.Passed : ShopApp.StepFailed;

    public void Line(string text) => output.WriteLine(text);

    /// <summary>
    /// Runs one step with its own time limit, so a message that never arrives fails that step (with what was seen)
    /// instead of hanging the app; the remaining steps still run.
    /// </summary>
    public async Task RunStepAsync(string name, string title, TimeSpan limit, Func<StepLog, CancellationToken, Task> step,
        CancellationToken cancellationToken)
    {
        output.WriteLine($"[{name}] {title}");
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        string? failure;
        try
        {
            await step(new StepLog(output), bounded.Token).ConfigureAwait(false);
            failure = null;
        }
        catch (StepFailedException exception)
        {
            failure = exception.Message;
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            failure = $"did not finish within {limit.TotalSeconds:0.##} s";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            failure = $"{exception.GetType().Name}: {exception.Message}";
        }

        if (failure is null)
        {
            _passed++;
            output.WriteLine("    PASS");
        }
        else
        {
            _failed.Add(name);
            output.WriteLine($"    FAIL: {failure}");
        }
    }

    public void Summarize()
    {
        output.WriteLine(_failed.Count == 0
            ? $"All {_passed} steps passed."
            : $"FAILED step(s): {string.Join(", ", _failed)} ({_passed} passed).");
    }
}
