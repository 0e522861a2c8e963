namespace KubeMQ.Broker.Routing;

/// <summary>
/// Hands one message to its subscribers at most once each (at-most-once delivery, section 5.1). A full buffer is
/// waited on for at most the slow-subscriber deadline, all full buffers concurrently, so a publish is delayed by one
/// deadline at worst; a subscriber already known to be stalled is skipped at once.
/// </summary>
internal static class FanOut
{
    public readonly record struct Outcome(int Delivered, int Dropped);

    public static ValueTask<Outcome> DeliverAsync<T>(List<Subscriber<T>> targets, T message, TimeSpan deadline, TimeProvider time)
        where T : class
    {
        var delivered = 0;
        var dropped = 0;
        List<Subscriber<T>>? full = null;
        foreach (var target in targets)
        {
            if (target.TryWrite(message))
                delivered++;
            else if (target.IsClosed)
                continue;
            else if (target.IsStalled)
                dropped++;
            else
                (full ??= []).Add(target);
        }
        if (full is null)
            return ValueTask.FromResult(new Outcome(delivered, dropped));
        return WaitForRoomAsync(full, message, deadline, time, delivered, dropped);
    }

    private static async ValueTask<Outcome> WaitForRoomAsync<T>(List<Subscriber<T>> full, T message, TimeSpan deadline, TimeProvider time, int delivered, int dropped)
        where T : class
    {
        using var expiry = new CancellationTokenSource(deadline, time);
        var writes = new Task<bool>[full.Count];
        for (var i = 0; i < full.Count; i++)
            writes[i] = full[i].WriteBeforeAsync(message, expiry.Token);
        foreach (var written in await Task.WhenAll(writes).ConfigureAwait(false))
        {
            if (written)
                delivered++;
            else
                dropped++;
        }
        return new Outcome(delivered, dropped);
    }
}
