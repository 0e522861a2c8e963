using Grpc.Core;

namespace KubeMQ.Broker.Tests;

/// <summary>Bounded waits on conditions: they return as soon as the condition holds and fail after a generous limit.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task HoldsAsync(Func<bool> condition, string description)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {Patience.TotalSeconds} s for: {description}");
            await Task.Delay(5);
        }
    }

    /// <summary>The next message of a server stream; fails when the stream ends or nothing arrives in time.</summary>
    public static async Task<T> NextAsync<T>(this IAsyncStreamReader<T> stream)
    {
        using var limit = new CancellationTokenSource(Patience);
        if (!await stream.MoveNext(limit.Token))
            throw new InvalidOperationException("The stream ended before the next message.");
        return stream.Current;
    }

    public static async Task<List<T>> TakeAsync<T>(this IAsyncStreamReader<T> stream, int count)
    {
        var taken = new List<T>(count);
        while (taken.Count < count)
            taken.Add(await stream.NextAsync());
        return taken;
    }
}
