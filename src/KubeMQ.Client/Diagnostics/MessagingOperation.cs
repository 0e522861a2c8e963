using System.Diagnostics;

namespace KubeMQ.Client;

/// <summary>
/// One traced and measured client operation: the span (when someone samples it) and the start time (when the
/// duration histogram is listened to). A struct, so that with no listener nothing is allocated; end it exactly once.
/// </summary>
internal readonly struct MessagingOperation
{
    private readonly long _startedAt;
    private readonly string _operationType;
    private readonly string _pattern;
    private readonly string _channel;
    private readonly bool _isProcessing;

    private MessagingOperation(Activity? activity, long startedAt, string operationType, string pattern, string channel, bool isProcessing)
    {
        Activity = activity;
        _startedAt = startedAt;
        _operationType = operationType;
        _pattern = pattern;
        _channel = channel;
        _isProcessing = isProcessing;
    }

    /// <summary>The span, or null when nobody listens or it was not sampled.</summary>
    public Activity? Activity { get; }

    /// <summary>
    /// Starts a send (producer or client span, a child of the ambient activity) or a receive (client span).
    /// </summary>
    public static MessagingOperation Start(KubeMQClient client, string operationType, string pattern, string channel, ActivityKind kind)
    {
        Activity? activity = null;
        if (KubeMQTelemetry.Source.HasListeners())
        {
            activity = KubeMQTelemetry.Source.StartActivity($"{operationType} {channel}", kind);
            if (activity is not null)
                Describe(activity, client, operationType, pattern, channel);
        }
        var startedAt = KubeMQTelemetry.OperationDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        return new MessagingOperation(activity, startedAt, operationType, pattern, channel, isProcessing: false);
    }

    /// <summary>
    /// Starts processing a delivered message: a server span that is the child of the sender's span (requests), or a
    /// consumer span linked to it (events, queues), never a child of whatever activity the receive loop inherited.
    /// </summary>
    public static MessagingOperation StartProcessing(KubeMQClient client, string pattern, string channel, ActivityKind kind,
        IReadOnlyDictionary<string, string> tags, Google.Protobuf.ByteString? span)
    {
        Activity? activity = null;
        if (KubeMQTelemetry.Source.HasListeners())
        {
            var hasSender = TraceContextPropagation.TryExtract(tags, span, out var sender);
            // The loop runs in the execution context of whoever subscribed; a delivered message is not part of that.
            Activity.Current = null;
            activity = kind == ActivityKind.Server
                ? KubeMQTelemetry.Source.StartActivity($"{MessagingAttributes.Process} {channel}", kind, hasSender ? sender : default)
                : KubeMQTelemetry.Source.StartActivity($"{MessagingAttributes.Process} {channel}", kind, default(ActivityContext),
                    links: hasSender ? [new ActivityLink(sender)] : null);
            if (activity is not null)
                Describe(activity, client, MessagingAttributes.Process, pattern, channel);
        }
        var startedAt = KubeMQTelemetry.ProcessDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        return new MessagingOperation(activity, startedAt, MessagingAttributes.Process, pattern, channel, isProcessing: true);
    }

    private static void Describe(Activity activity, KubeMQClient client, string operationType, string pattern, string channel)
    {
        if (!activity.IsAllDataRequested)
            return;
        activity.SetTag(MessagingAttributes.System, MessagingAttributes.SystemValue);
        activity.SetTag(MessagingAttributes.DestinationName, channel);
        activity.SetTag(MessagingAttributes.OperationType, operationType);
        activity.SetTag(MessagingAttributes.OperationName, operationType);
        activity.SetTag(MessagingAttributes.Pattern, pattern);
        activity.SetTag(MessagingAttributes.ClientId, client.ClientId);
        activity.SetTag(MessagingAttributes.ServerAddress, client.ServerHost);
        activity.SetTag(MessagingAttributes.ServerPort, client.ServerPort);
    }

    /// <summary>Adds a span attribute when the span records attributes.</summary>
    public void SetTag(string name, object? value)
    {
        if (Activity is { IsAllDataRequested: true } activity)
            activity.SetTag(name, value);
    }

    public void SetMessage(string? id, int bodySize)
    {
        if (Activity is not { IsAllDataRequested: true } activity)
            return;
        if (!string.IsNullOrEmpty(id))
            activity.SetTag(MessagingAttributes.MessageId, id);
        activity.SetTag(MessagingAttributes.BodySize, bodySize);
    }

    /// <summary>
    /// Keeps the span from being exported (a poll that found nothing: consumer loops poll all the time, and empty
    /// polls would bury the traces that matter). Its duration is still measured.
    /// </summary>
    public void Unrecord()
    {
        if (Activity is { } activity)
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
    }

    /// <summary>Ends a successful operation.</summary>
    public void Succeed() => End(null, null, null);

    /// <summary>Ends an operation that threw.</summary>
    public void Fail(Exception exception) =>
        End(exception is OperationCanceledException ? "cancelled" : exception.GetType().FullName ?? "exception", exception.Message, exception);

    /// <summary>Ends an operation whose outcome was a failure without an exception (e.g. a command not executed).</summary>
    public void Fail(string errorType, string? description) => End(errorType, description, null);

    private void End(string? errorType, string? description, Exception? exception)
    {
        if (Activity is { } activity)
        {
            if (errorType is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, description);
                if (activity.IsAllDataRequested)
                {
                    activity.SetTag(MessagingAttributes.ErrorType, errorType);
                    if (exception is not null)
                        activity.AddException(exception);
                }
            }
            activity.Dispose();
        }
        if (_startedAt == 0)
            return;
        var histogram = _isProcessing ? KubeMQTelemetry.ProcessDuration : KubeMQTelemetry.OperationDuration;
        var tags = KubeMQTelemetry.Tags(_operationType, _pattern, _channel);
        if (errorType is not null)
            tags.Add(MessagingAttributes.ErrorType, errorType);
        histogram.Record(Stopwatch.GetElapsedTime(_startedAt).TotalSeconds, tags);
    }
}
