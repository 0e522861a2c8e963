using System.Collections;
using System.Diagnostics;
using KubeMQ.Client;
using KubeMQ.Typed;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace KubeMQ.Observability.Tests.Support;

/// <summary>
/// An OpenTelemetry tracer provider with the in-memory exporter over the KubeMQ sources and the tests' own source.
/// Listeners are process-wide, so every test picks out its own spans (by trace id or link), never counts them all.
/// </summary>
public sealed class ExportedSpans : ICollection<Activity>, IDisposable
{
    public static readonly ActivitySource TestSource = new("KubeMQ.Observability.Tests");

    private readonly List<Activity> _spans = [];
    private readonly Signal _added = new();
    private readonly TracerProvider _provider;

    public ExportedSpans()
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(KubeMQDiagnostics.ActivitySourceName, KubeMQTypedDiagnostics.ActivitySourceName, TestSource.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(this)
            .Build()!;
    }

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_spans)
            return [.. _spans];
    }

    /// <summary>Waits (bounded) until a span matching <paramref name="match"/> has ended, and returns it.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, string what)
    {
        Activity? found = null;
        var ok = await _added.TryWaitUntilAsync(() => (found = Snapshot().FirstOrDefault(match)) is not null, Seen.Limit);
        if (!ok)
            throw new TimeoutException($"No exported span was {what}; saw: {string.Join(", ", Snapshot().Select(s => $"{s.Kind} {s.DisplayName}"))}");
        return found!;
    }

    public void Add(Activity item)
    {
        lock (_spans)
            _spans.Add(item);
        _added.Pulse();
    }

    public void Dispose() => _provider.Dispose();

    public int Count
    {
        get
        {
            lock (_spans)
                return _spans.Count;
        }
    }

    public bool IsReadOnly => false;

    public void Clear()
    {
        lock (_spans)
            _spans.Clear();
    }

    public bool Contains(Activity item)
    {
        lock (_spans)
            return _spans.Contains(item);
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_spans)
            _spans.CopyTo(array, arrayIndex);
    }

    public bool Remove(Activity item)
    {
        lock (_spans)
            return _spans.Remove(item);
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
