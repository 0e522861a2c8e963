using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KubeMQ.Client;

namespace KubeMQ.Observability.Tests.Support;

/// <summary>
/// A MeterListener on the client's meter that keeps only measurements carrying one tag value (a destination, or a
/// client id), so tests running in parallel (process-wide listeners) do not see each other's traffic.
/// </summary>
public sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _tag;
    private readonly string _value;
    private readonly ConcurrentQueue<(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly Signal _recorded = new();

    public RecordedMeasurements(string destination)
        : this("messaging.destination.name", destination)
    {
    }

    public RecordedMeasurements(string tag, string value)
    {
        _tag = tag;
        _value = value;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KubeMQDiagnostics.MeterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public double Sum(string instrument, Func<IReadOnlyDictionary<string, object?>, bool>? where = null) =>
        _measurements.Where(m => m.Instrument == instrument && (where is null || where(m.Tags))).Sum(m => m.Value);

    public IReadOnlyList<(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags)> Of(string instrument) =>
        _measurements.Where(m => m.Instrument == instrument).ToList();

    public Task WaitUntilAsync(Func<RecordedMeasurements, bool> condition) => _recorded.WaitUntilAsync(() => condition(this), Seen.Limit);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
            copy[tag.Key] = tag.Value;
        if (!Equals(copy.GetValueOrDefault(_tag), _value))
            return;
        _measurements.Enqueue((instrument.Name, instrument.Unit, value, copy));
        _recorded.Pulse();
    }

    public void Dispose() => _listener.Dispose();
}
