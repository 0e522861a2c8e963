using System.Collections.Concurrent;
using KubeMQ.Broker.Hosting;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Queues;

/// <summary>
/// The queues of one broker: created on first use, each with its own lock (no lock spans queues). Sending, the
/// dead-letter move and the counters behind QueuesInfo live here; receiving lives on <see cref="MessageQueue"/>.
/// </summary>
internal sealed class QueueEngine : IDisposable
{
    private const long NanosPerSecond = 1_000_000_000;

    private readonly ConcurrentDictionary<string, MessageQueue> _queues = new(StringComparer.Ordinal);
    private readonly BrokerRuntime _runtime;
    private readonly ITimer _expirySweep;

    public QueueEngine(BrokerRuntime runtime)
    {
        _runtime = runtime;
        Catalog = new QueueCatalog(this);
        var interval = runtime.Options.QueueExpirySweepInterval;
        _expirySweep = runtime.Time.CreateTimer(static state => ((QueueEngine)state!).SweepExpired(), this, interval, interval);
    }

    public KubeMQBrokerOptions Options => _runtime.Options;

    public TimeProvider Time => _runtime.Time;

    public QueueCatalog Catalog { get; }

    public long UnixNanosNow() => _runtime.UnixNanosNow();

    public MessageQueue GetOrCreate(string name) => _queues.GetOrAdd(name, static (n, engine) => new MessageQueue(n, engine), this);

    public IEnumerable<MessageQueue> Queues => _queues.Values;

    public bool Delete(string name)
    {
        if (!_queues.TryRemove(name, out var queue))
            return false;
        queue.MarkDeleted();
        queue.Dispose();
        return true;
    }

    /// <summary>
    /// Validates and stores one message, overwriting whatever attributes the client set. Validation failures come
    /// back in the result (in-band), as KubeMQ reports them.
    /// </summary>
    public SendQueueMessageResult Send(QueueMessage message)
    {
        var error = QueueMessageRules.Validate(message, Options);
        if (error is not null)
            return new SendQueueMessageResult { MessageID = message.MessageID, IsError = true, Error = error };
        if (string.IsNullOrEmpty(message.MessageID))
            message.MessageID = Guid.NewGuid().ToString();

        var now = UnixNanosNow();
        var policy = message.Policy;
        long expiration = policy?.ExpirationSeconds ?? 0;
        long delay = policy?.DelaySeconds ?? 0;
        var maxReceiveCount = policy is null || policy.MaxReceiveCount == 0 ? Options.QueueMaxReceiveCount : policy.MaxReceiveCount;
        // The delay does not count toward expiration: the clock of ExpirationSeconds starts when the delay ends.
        var delayedTo = delay > 0 ? now + delay * NanosPerSecond : 0;
        var expirationAt = expiration > 0 ? now + (expiration + delay) * NanosPerSecond : 0;
        message.Attributes = new QueueMessageAttributes { Timestamp = now, ExpirationAt = expirationAt, DelayedTo = delayedTo };

        Store(message.Channel, new StoredQueueMessage(message, maxReceiveCount, policy?.MaxReceiveQueue ?? ""), honourDelay: true);
        return new SendQueueMessageResult { MessageID = message.MessageID, SentAt = now, ExpirationAt = expirationAt, DelayedTo = delayedTo };
    }

    /// <summary>Re-sends a copy of a held message to <paramref name="channel"/> as a fresh send (attributes reset, policy kept).</summary>
    public SendQueueMessageResult SendCopy(StoredQueueMessage original, string channel)
    {
        var copy = original.Message.Clone();
        copy.Channel = channel;
        copy.Attributes = null;
        return Send(copy);
    }

    /// <summary>
    /// Moves a message that used up its deliveries to its dead-letter queue (ReRouted, receive count reset, empty
    /// policy), or discards it when its policy names none.
    /// </summary>
    public void DeadLetter(StoredQueueMessage message, string fromQueue)
    {
        if (string.IsNullOrEmpty(message.DeadLetterQueue))
            return;
        var moved = message.Message.Clone();
        var old = message.Message.Attributes;
        moved.Channel = message.DeadLetterQueue;
        moved.Policy = new QueueMessagePolicy();
        moved.Attributes = new QueueMessageAttributes
        {
            ReRouted = true,
            ReRoutedFromQueue = fromQueue,
            ReceiveCount = 0,
            MD5OfBody = old.MD5OfBody,
            ExpirationAt = old.ExpirationAt,
            DelayedTo = old.DelayedTo,
        };
        Store(moved.Channel, new StoredQueueMessage(moved, Options.QueueMaxReceiveCount, ""), honourDelay: false);
    }

    public QueuesInfo Info(string queueName)
    {
        var info = new QueuesInfo();
        foreach (var queue in _queues.Values.OrderBy(q => q.Name, StringComparer.Ordinal))
        {
            if (!string.IsNullOrEmpty(queueName) && !string.Equals(queue.Name, queueName, StringComparison.Ordinal))
                continue;
            var stats = queue.Statistics();
            info.Queues.Add(new QueueInfo
            {
                Name = stats.Name,
                Messages = stats.Stored,
                Bytes = stats.StoredBytes,
                FirstSequence = stats.FirstSequence,
                LastSequence = stats.LastSequence,
                Sent = stats.Sent,
                Delivered = stats.Delivered,
                Waiting = stats.Waiting,
                Subscribers = stats.Consumers,
            });
            info.Sent += stats.Sent;
            info.Delivered += stats.Delivered;
            info.Waiting += stats.Waiting;
        }
        info.TotalQueue = info.Queues.Count;
        return info;
    }

    /// <summary>
    /// Receives drop expired messages as they meet them and report them in MessagesExpired; this sweep catches the
    /// ones nobody receives, once they have been expired for <see cref="KubeMQBrokerOptions.QueueExpiredRetention"/>.
    /// </summary>
    private void SweepExpired()
    {
        var expiredBefore = UnixNanosNow() - Options.QueueExpiredRetention.Ticks * 100;
        foreach (var queue in _queues.Values)
            queue.SweepExpired(expiredBefore);
    }

    public void Dispose()
    {
        _expirySweep.Dispose();
        foreach (var queue in _queues.Values)
            queue.Dispose();
    }

    private void Store(string channel, StoredQueueMessage message, bool honourDelay)
    {
        // A queue deleted between the lookup and the enqueue refuses the message; the send then creates a new one.
        while (!GetOrCreate(channel).Enqueue(message, honourDelay))
        {
        }
    }
}
