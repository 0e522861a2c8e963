using Shop;

namespace KubeMQ.Samples.Tests;

public sealed class ShopSampleTests(ShopRunFixture run) : IClassFixture<ShopRunFixture>
{
    [Fact]
    public void Shop_sample_passes_every_step_against_the_embedded_broker()
    {
        Assert.True(run.ExitCode == ShopApp.Passed, $"exit code {run.ExitCode}; report:\n{run.Report}");
        Assert.Contains("All 6 steps passed.", run.Report);
        Assert.DoesNotContain("FAIL", run.Report);
        foreach (var step in new[] { "[queries]", "[commands]", "[events]", "[events-store]", "[queues]", "[channels]" })
            Assert.Contains(step, run.Report);
        Assert.Equal(6, run.Report.Split('\n').Count(line => line.Trim() == "PASS"));
    }

    [Fact]
    public void Shop_report_shows_the_cache_hit_the_refusal_the_wildcard_feed_the_replay_and_the_dead_letter()
    {
        Assert.Contains("cache miss: ProductCatalog answered (lookups: 1)", run.Report);
        Assert.Contains("cache hit: the broker answered (lookups still 1)", run.Report);
        Assert.Contains("refused: System.InvalidOperationException", run.Report);
        Assert.Contains("activity feed (subscribed to shop.events.*) got all 4, from shop.events.orders", run.Report);
        Assert.Contains("recorded 5 entries; the live trail saw sequences 1, 2, 3, 4, 5", run.Report);
        Assert.Contains("auditor replayed from sequence 3: 3, 4, 5", run.Report);
        Assert.Contains("corrupt.png: delivery 1 failed (nack), delivery 2 failed (nack)", run.Report);
        Assert.Contains("shop.images.dead holds corrupt.png", run.Report);
        Assert.Contains("Queues      shop.images (", run.Report);
    }

    [Fact]
    public async Task Shop_exits_with_the_start_failure_code_naming_the_step_when_the_broker_is_unreachable()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = new StringWriter();

        var exitCode = await ShopApp.RunAsync([], output, brokerAddress: "http://127.0.0.1:1", limit.Token);

        Assert.Equal(ShopApp.StartFailed, exitCode);
        Assert.Contains("FAILED step: start", output.ToString());
    }
}
