using System.Diagnostics;
using System.Diagnostics.Metrics;
using KubeMQ.Client;

namespace KubeMQ.Typed;

/// <summary>
/// The consumer span and duration of one queue message handled by a typed consumer: linked to the span that sent the
/// message (W3C context in its tags), an error status when the handler threw. Free while nobody listens.
/// </summary>
internal readonly struct QueueMessageProcessing
{
    private static readonly string Version = typeof(QueueMessageProcessing).Assembly.GetName().Version?.ToString() ?? "0.0.0";
    private static readonly ActivitySource Source = new(KubeMQTypedDiagnostics.ActivitySourceName, Version);
    private static readonly Meter Meter = new(KubeMQTypedDiagnostics.MeterName, Version);
    private static readonly Histogram<double> ProcessDuration = Meter.CreateHistogram(
        "messaging.process.duration", "s", "Duration of a typed consumer handling one queue message.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });

    private readonly Activity? _activity;
    private readonly long _startedAt;
    private readonly string _channel;

    private QueueMessageProcessing(Activity? activity, long startedAt, string channel)
    {
        _activity = activity;
        _startedAt = startedAt;
        _channel = channel;
    }

    public static QueueMessageProcessing Start(string channel, string method, QueueMessageReceived message)
    {
        Activity? activity = null;
        if (Source.HasListeners())
        {
            var links = TryReadProducer(message.Tags, out var producer) ? new[] { new ActivityLink(producer) } : null;
            // The poll loop's own context is not the message's: the span starts a trace of its own, linked to the sender.
            Activity.Current = null;
            activity = Source.StartActivity($"process {channel}", ActivityKind.Consumer, default(ActivityContext), links: links);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag("messaging.system", "kubemq");
                activity.SetTag("messaging.destination.name", channel);
                activity.SetTag("messaging.operation.type", "process");
                activity.SetTag("messaging.operation.name", "process");
                activity.SetTag("messaging.message.id", message.Id);
                activity.SetTag("messaging.message.body.size", message.Body.Length);
                activity.SetTag("kubemq.pattern", "queues");
                activity.SetTag("kubemq.method", method);
                activity.SetTag("kubemq.queue.receive_count", message.ReceiveCount);
            }
        }
        return new QueueMessageProcessing(activity, ProcessDuration.Enabled ? Stopwatch.GetTimestamp() : 0, channel);
    }

    public void Succeed() => End(null);

    public void Fail(Exception exception) => End(exception);

    private void End(Exception? exception)
    {
        if (_activity is { } activity)
        {
            if (exception is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, exception.Message);
                if (activity.IsAllDataRequested)
                {
                    activity.SetTag("error.type", exception.GetType().FullName);
                    activity.AddException(exception);
                }
            }
            activity.Dispose();
        }
        if (_startedAt == 0)
            return;
        var tags = new TagList
        {
            { "messaging.system", "kubemq" },
            { "messaging.operation.name", "process" },
            { "messaging.destination.name", _channel },
            { "kubemq.pattern", "queues" },
        };
        if (exception is not null)
            tags.Add("error.type", exception.GetType().FullName);
        ProcessDuration.Record(Stopwatch.GetElapsedTime(_startedAt).TotalSeconds, tags);
    }

    private static bool TryReadProducer(IReadOnlyDictionary<string, string> tags, out ActivityContext producer)
    {
        producer = default;
        return tags.TryGetValue("traceparent", out var traceParent)
            && ActivityContext.TryParse(traceParent, tags.TryGetValue("tracestate", out var state) ? state : null, isRemote: true, out producer);
    }
}
