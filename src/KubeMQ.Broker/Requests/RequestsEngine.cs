using KubeMQ.Broker.Channels;
using KubeMQ.Broker.Routing;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Requests;

/// <summary>
/// Commands or queries (section 5.3), one engine per pattern: a request goes to every ungrouped subscriber and to one
/// member of each group, with a reply channel of the broker's making; the first reply wins. The queries engine also
/// answers from the <see cref="QueryCache"/>.
/// </summary>
internal sealed class RequestsEngine(ChannelType type, KubeMQBrokerOptions options, TimeProvider time, PendingReplies replies, QueryCache? cache) : IChannelCatalog
{
    private readonly RoutedChannels<Request> _routing = new(type, options, time);

    public ChannelType Type { get; } = type;

    public int SubscriberCount => _routing.SubscriberCount;

    public long DroppedForSlowSubscribers => _routing.DroppedForSlowSubscribers;

    public Subscriber<Request> Subscribe(string channel, string group) => _routing.Subscribe(channel, group);

    public void Unsubscribe(Subscriber<Request> subscriber) => _routing.Unsubscribe(subscriber);

    /// <summary>Routes a validated request and waits for its first reply; null when none came within its Timeout (ms).</summary>
    public async Task<Response?> SendAsync(Request request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var timeout = TimeSpan.FromMilliseconds(request.Timeout);
        var activity = _routing.Activity(request.Channel);
        var volume = request.Body.Length;
        activity.RecordIncoming(volume);

        if (cache is not null && request.CacheKey.Length > 0 && cache.TryGet(request.Channel, request.CacheKey, out var cached))
        {
            var hit = cached.Clone();
            hit.CacheHit = true;
            hit.RequestID = request.RequestID;
            activity.RecordResponseReturned();
            return hit;
        }

        using var wait = replies.Open();
        var forwarded = request.Clone();
        forwarded.ReplyChannel = wait.ReplyChannel;
        await _routing.DeliverAsync(request.Channel, forwarded, activity, volume).ConfigureAwait(false);

        // As KubeMQ, no responder is not a fast failure: the sender learns it when its timeout runs out.
        var remaining = timeout - time.GetElapsedTime(started);
        Response reply;
        try
        {
            reply = remaining <= TimeSpan.Zero
                ? throw new TimeoutException()
                : await wait.Reply.WaitAsync(remaining, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        activity.RecordResponseReceived();

        var response = reply.Clone();
        response.ReplyChannel = string.Empty;
        response.CacheHit = false;
        if (cache is not null && request.CacheKey.Length > 0 && response.Executed && response.Error.Length == 0)
            cache.Store(request.Channel, request.CacheKey, response, request.CacheTTL);
        activity.RecordResponseReturned();
        return response;
    }

    public void Create(string name) => _routing.Activity(name);

    public bool Delete(string name)
    {
        if (!_routing.Delete(name))
            return false;
        cache?.Forget(name);
        return true;
    }

    public IReadOnlyList<ChannelInfo> List() => _routing.List();
}
