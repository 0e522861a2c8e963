using System.Diagnostics;

namespace KubeMQ.Benchmarks.Throughput;

/// <summary>
/// Log-linear latency histogram (about 1% resolution from 1 µs to minutes) that many threads record into without
/// locks, so recording costs a few nanoseconds and never shapes the latency it measures.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private const int Magnitudes = 40;
    private readonly long[] _counts = new long[SubBuckets * 2 + (Magnitudes - 1) * SubBuckets];
    private long _total;

    public long Count => Interlocked.Read(ref _total);

    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp));

    public void Record(TimeSpan elapsed)
    {
        var micros = Math.Max(1L, elapsed.Ticks / 10);
        Interlocked.Increment(ref _counts[IndexOf(micros)]);
        Interlocked.Increment(ref _total);
    }

    public TimeSpan Percentile(double percentile)
    {
        var total = Count;
        if (total == 0)
            return TimeSpan.Zero;
        var rank = (long)Math.Ceiling(total * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
                return TimeSpan.FromTicks(UpperBoundMicros(i) * 10);
        }
        return TimeSpan.FromTicks(UpperBoundMicros(_counts.Length - 1) * 10);
    }

    private static int IndexOf(long micros)
    {
        // 0..127 µs are exact; above that each doubling of the value gets 64 buckets.
        if (micros < SubBuckets * 2)
            return (int)micros;
        var magnitude = 0;
        while (micros >= SubBuckets * 2 && magnitude < Magnitudes - 1)
        {
            micros >>= 1;
            magnitude++;
        }
        var sub = (int)Math.Min(micros, SubBuckets * 2 - 1);
        return SubBuckets * 2 + (magnitude - 1) * SubBuckets + (sub - SubBuckets);
    }

    private static long UpperBoundMicros(int index)
    {
        if (index < SubBuckets * 2)
            return index + 1;
        var rest = index - SubBuckets * 2;
        var magnitude = rest / SubBuckets + 1;
        var sub = rest % SubBuckets + SubBuckets;
        return (sub + 1L) << magnitude;
    }
}
