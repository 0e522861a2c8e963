namespace KubeMQ.Client.Tests;

/// <summary>Bounded waits on conditions: they return as soon as the condition holds and fail after a generous limit.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(20);

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? DefaultLimit);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Repeats <paramref name="attempt"/> (e.g. a probe publish) until <paramref name="condition"/> holds.</summary>
    public static async Task RetryUntilAsync(Func<Task> attempt, Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? DefaultLimit);
        while (true)
        {
            try
            {
                await attempt();
            }
            catch (KubeMQException)
            {
                // The broker is not back yet, or the subscription is not yet re-established: try again.
            }
            if (condition())
                return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }

    public static async Task<T> WithinAsync<T>(Task<T> task, string what, TimeSpan? limit = null)
    {
        try
        {
            return await task.WaitAsync(limit ?? DefaultLimit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {what}.");
            throw;
        }
    }

    public static async Task WithinAsync(Task task, string what, TimeSpan? limit = null)
    {
        try
        {
            await task.WaitAsync(limit ?? DefaultLimit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {what}.");
            throw;
        }
    }
}
