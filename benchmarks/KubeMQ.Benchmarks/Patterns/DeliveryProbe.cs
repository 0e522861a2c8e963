namespace KubeMQ.Benchmarks.Patterns;

/// <summary>
/// What long-lived receivers (core handlers and typed handlers resolved from DI) report to: the window of the run in
/// progress, swapped by the scenario between warm-up and measurement.
/// </summary>
internal sealed class DeliveryProbe
{
    private volatile DeliveryWindow? _current;

    public DeliveryWindow? Current
    {
        get => _current;
        set => _current = value;
    }

    public void Delivered(long sentAt) => _current?.Delivered(sentAt);
}
