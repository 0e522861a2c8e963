namespace KubeMQ.Typed;

/// <summary>How a queue consumer polls.</summary>
public sealed class KubeMQQueueConsumerOptions
{
    /// <summary>Poll loops running at once, each with its own transaction (1 keeps FIFO order).</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>Messages taken per poll (1..1024); a batch is handled in order, then settled.</summary>
    public int BatchSize { get; set; } = 1;

    /// <summary>How long one poll waits for a full batch (at least one second, the broker's minimum).</summary>
    public TimeSpan PollWaitTimeout { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate(string channel)
    {
        if (Concurrency < 1)
            throw new ArgumentOutOfRangeException(nameof(Concurrency), Concurrency, $"Queue consumer '{channel}': Concurrency must be at least 1.");
        if (BatchSize is < 1 or > 1024)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"Queue consumer '{channel}': BatchSize must be between 1 and 1024.");
        if (PollWaitTimeout < TimeSpan.FromSeconds(1))
            throw new ArgumentOutOfRangeException(nameof(PollWaitTimeout), PollWaitTimeout, $"Queue consumer '{channel}': PollWaitTimeout must be at least 1 second.");
    }
}
