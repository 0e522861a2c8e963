using System.Collections.Concurrent;
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
    private readonly SubscriberRegistry<Request> _subscribers = new();
    private readonly ConcurrentDictionary<string, ChannelActivity> _channels = new(StringComparer.Ordinal);
    private long _dropped;

    public ChannelType Type { get; } = type;

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Requests a subscriber lost because its buffer stayed full for the slow-subscriber deadline.</summary>
    public long DroppedForSlowSubscribers => Interlocked.Read(ref _dropped);

    public Subscriber<Request> Subscribe(string channel, string group)
    {
        var pattern = SubjectPattern.Parse(channel);
        if (!pattern.HasWildcards)
            Activity(channel).Touch();
        var subscriber = new Subscriber<Request>(pattern, group, options.EventSubscriberBufferSize);
        _subscribers.Add(subscriber);
        return subscriber;
    }

    public void Unsubscribe(Subscriber<Request> subscriber)
    {
        _subscribers.Remove(subscriber);
        subscriber.Close();
    }

    /// <summary>Routes a validated request and waits for its first reply; null when none came within its Timeout (ms).</summary>
    public async Task<Response?> SendAsync(Request request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var timeout = TimeSpan.FromMilliseconds(request.Timeout);
        var activity = Activity(request.Channel);
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
        var targets = new List<Subscriber<Request>>();
        _subscribers.CollectTargets(request.Channel, targets);
        if (targets.Count > 0)
        {
            var outcome = await FanOut.DeliverAsync(targets, forwarded, options.SlowSubscriberDeadline, time).ConfigureAwait(false);
            activity.RecordOutgoing(outcome.Delivered, volume);
            if (outcome.Dropped > 0)
                Interlocked.Add(ref _dropped, outcome.Dropped);
        }

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

    public void Create(string name) => Activity(name);

    public bool Delete(string name)
    {
        if (!_channels.TryRemove(name, out _))
            return false;
        cache?.Forget(name);
        return true;
    }

    public IReadOnlyList<ChannelInfo> List()
    {
        var rows = new List<ChannelInfo>(_channels.Count);
        foreach (var (name, activity) in _channels)
            rows.Add(activity.ToInfo(name, Type, _subscribers.HasSubscribersFor(name)));
        return rows;
    }

    private ChannelActivity Activity(string channel) =>
        _channels.GetOrAdd(channel, static (_, clock) => new ChannelActivity(clock), time);
}
