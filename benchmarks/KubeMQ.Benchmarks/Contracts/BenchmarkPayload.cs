namespace KubeMQ.Benchmarks.Contracts;

/// <summary>
/// The message every benchmark sends: about 1 KB of JSON. <see cref="SentAt"/> is a <c>Stopwatch</c> timestamp, so a
/// receiver in the same process measures the latency from the sender's call to its own handler.
/// </summary>
public sealed record BenchmarkPayload(long SentAt, int Sequence, string Text)
{
    /// <summary>Text that makes the JSON body 1,024 bytes for a typical timestamp and sequence.</summary>
    public static readonly string Filler = new('k', 970);

    public static BenchmarkPayload Create(long sentAt, int sequence) => new(sentAt, sequence, Filler);
}
