using Shop;

namespace KubeMQ.Samples.Tests;

public sealed class ShopReportTests
{
    [Fact]
    public async Task Failed_step_makes_the_exit_code_non_zero_and_is_named_in_the_summary()
    {
        var output = new StringWriter();
        var report = new ShopReport(output);

        await report.RunStepAsync("good", "a step that passes", TimeSpan.FromSeconds(10), (_, _) => Task.CompletedTask, CancellationToken.None);
        await report.RunStepAsync("bad", "a step that fails", TimeSpan.FromSeconds(10),
            (_, _) => throw new StepFailedException("the cache never hit"), CancellationToken.None);
        report.Summarize();

        Assert.Equal(1, report.ExitCode);
        Assert.Equal(["bad"], report.FailedSteps);
        Assert.Contains("    FAIL: the cache never hit", output.ToString());
        Assert.Contains("FAILED step(s): bad (1 passed).", output.ToString());
    }

    [Fact]
    public async Task Step_that_outlives_its_limit_fails_with_the_limit_named()
    {
        var output = new StringWriter();
        var report = new ShopReport(output);

        await report.RunStepAsync("slow", "a step that never finishes", TimeSpan.FromMilliseconds(50),
            (_, token) => Task.Delay(Timeout.Infinite, token), CancellationToken.None);

        Assert.Equal(["slow"], report.FailedSteps);
        Assert.Contains("FAIL: did not finish within 0.05 s", output.ToString());
    }

    [Fact]
    public async Task Wait_on_observations_fails_the_step_with_what_was_seen()
    {
        var observed = new Observed<string>();
        observed.Add("order-1");
        using var limit = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var failure = await Assert.ThrowsAsync<StepFailedException>(
            () => observed.WaitUntilAsync(seen => seen.Count >= 2, "two orders", limit.Token));

        Assert.Equal("gave up waiting for two orders (saw 1: order-1)", failure.Message);
    }

    [Fact]
    public async Task Wait_on_observations_returns_as_soon_as_an_added_item_satisfies_it()
    {
        var observed = new Observed<int>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var waiting = observed.WaitUntilAsync(seen => seen.Sum() >= 3, "a sum of 3", limit.Token);
        observed.Add(1);
        observed.Add(2);

        Assert.Equal([1, 2], await waiting);
    }
}
