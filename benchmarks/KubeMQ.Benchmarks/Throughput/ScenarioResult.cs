namespace KubeMQ.Benchmarks.Throughput;

internal sealed record ScenarioResult(
    string Pattern,
    string Path,
    int Concurrency,
    long Sent,
    long Delivered,
    long Errors,
    string? FirstError,
    TimeSpan Elapsed,
    TimeSpan P50,
    TimeSpan P99,
    long PeakWorkingSetBytes,
    bool MustDeliverAll)
{
    public double MessagesPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Delivered / Elapsed.TotalSeconds;

    public bool Failed => Errors > 0 || Delivered == 0 || (MustDeliverAll && Delivered < Sent);

    public string FailureReason => Errors > 0
        ? $"{Errors} errors, first: {FirstError}"
        : Delivered == 0 ? "nothing delivered" : $"delivered {Delivered} of {Sent} sent";
}
