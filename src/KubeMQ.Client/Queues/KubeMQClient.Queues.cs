using System.Diagnostics;
using KubeMQ.Grpc;

namespace KubeMQ.Client;

public sealed partial class KubeMQClient
{
    /// <summary>Longest wait of ReceiveQueueMessages / AckAllQueueMessages the broker accepts.</summary>
    private const int MaxQueueWaitSeconds = 3600;

    /// <summary>Extra time the transport waits beyond a queue wait, so that the broker's answer comes first.</summary>
    private static readonly TimeSpan QueueDeadlineGrace = TimeSpan.FromSeconds(10);

    /// <summary>Sends one message to a queue. A message the broker rejects comes back with <see cref="QueueSendResult.IsError"/>.</summary>
    public async Task<QueueSendResult> SendQueueMessageAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        var wire = QueueWire.ToWire(message, ClientId, "QueueMessage");
        var operation = StartSend(MessagingPattern.Queues, wire.Channel, ActivityKind.Producer, wire.Tags, wire.MessageID, wire.Body.Length);
        KubeMQ.Grpc.SendQueueMessageResult result;
        try
        {
            result = await UnaryAsync(wire, static (grpc, m, options) => grpc.SendQueueMessageAsync(m, options), "SendQueueMessage", null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            EndSend(operation, MessagingPattern.Queues, wire.Channel, 1, e);
            throw;
        }
        operation.SetMessage(result.MessageID, wire.Body.Length);
        if (result.IsError)
        {
            operation.Fail("refused", result.Error);
            KubeMQTelemetry.RecordSent(MessagingPattern.Queues, wire.Channel, 1, "refused");
        }
        else
            EndSend(operation, MessagingPattern.Queues, wire.Channel, 1, null);
        return QueueWire.FromWire(result);
    }

    /// <summary>Sends messages (to one or several queues) in one call; one result per message, in order.</summary>
    public async Task<IReadOnlyList<QueueSendResult>> SendQueueMessagesAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken = default)
    {
        var batch = new QueueMessagesBatchRequest { BatchID = Guid.NewGuid().ToString("N") };
        AddBatch(messages, batch.Messages, "messages");
        var batchSend = StartBatchSend(batch.Messages);
        KubeMQ.Grpc.QueueMessagesBatchResponse response;
        try
        {
            response = await UnaryAsync(batch, static (grpc, b, options) => grpc.SendQueueMessagesBatchAsync(b, options), "SendQueueMessagesBatch", null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            EndBatchSend(batchSend, batch.Messages, null, e);
            throw;
        }
        EndBatchSend(batchSend, batch.Messages, response.Results, null);
        return QueueWire.FromWire(response.Results);
    }

    /// <summary>
    /// Takes up to <paramref name="maxMessages"/> messages, acknowledging them as they are taken. Returns when that many
    /// arrived or <paramref name="waitTimeout"/> (default 1 s) passed, with whatever there is (possibly none).
    /// </summary>
    public Task<QueueReceiveResult> ReceiveQueueMessagesAsync(string channel, int maxMessages = 1, TimeSpan? waitTimeout = null, CancellationToken cancellationToken = default) =>
        ReceiveAsync(channel, maxMessages, waitTimeout, peek: false, cancellationToken);

    /// <summary>Like <see cref="ReceiveQueueMessagesAsync"/>, but the messages stay in the queue.</summary>
    public Task<QueueReceiveResult> PeekQueueMessagesAsync(string channel, int maxMessages = 1, TimeSpan? waitTimeout = null, CancellationToken cancellationToken = default) =>
        ReceiveAsync(channel, maxMessages, waitTimeout, peek: true, cancellationToken);

    /// <summary>Acknowledges (removes) every message that is or arrives in the queue during <paramref name="waitTimeout"/> (default 1 s); returns how many.</summary>
    public async Task<long> AckAllQueueMessagesAsync(string channel, TimeSpan? waitTimeout = null, CancellationToken cancellationToken = default)
    {
        ChannelNameRules.ValidateForSend(channel, "channel");
        var wait = waitTimeout ?? TimeSpan.FromSeconds(1);
        var request = new AckAllQueueMessagesRequest
        {
            RequestID = Guid.NewGuid().ToString("N"),
            ClientID = ClientId,
            Channel = channel,
            WaitTimeSeconds = MessageRules.ToWholeSeconds(wait, "waitTimeout", 0, MaxQueueWaitSeconds),
        };
        var response = await UnaryAsync(request, static (grpc, r, options) => grpc.AckAllQueueMessagesAsync(r, options), "AckAllQueueMessages",
            wait + QueueDeadlineGrace, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
            throw new KubeMQRemoteException($"AckAllQueueMessages on '{channel}' failed: {response.Error}", response.Error);
        return (long)response.AffectedMessages;
    }

    /// <summary>Empties a queue (acknowledges every waiting message, as the official SDKs purge); returns how many were removed.</summary>
    public Task<long> PurgeQueueAsync(string channel, CancellationToken cancellationToken = default) =>
        AckAllQueueMessagesAsync(channel, TimeSpan.FromSeconds(1), cancellationToken);

    /// <summary>Opens a QueuesUpstream stream for sending batches with per-message results (see <see cref="QueueUpstream"/>).</summary>
    public async Task<QueueUpstream> CreateQueueUpstreamAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var upstream = new QueueUpstream(this);
        await upstream.OpenAsync(cancellationToken).ConfigureAwait(false);
        Track(upstream);
        return upstream;
    }

    /// <summary>
    /// Polls a queue over a long-lived QueuesDownstream stream. Without <see cref="QueuePollRequest.AutoAck"/> the
    /// messages are held for this client until the result is settled (ack, nack, requeue) or disposed (they return in
    /// place). Cancelling a pending poll returns whatever it would have taken to the queue.
    /// </summary>
    public Task<QueuePollResult> PollQueueAsync(QueuePollRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChannelNameRules.ValidateForSend(request.Channel, "QueuePollRequest.Channel");
        if (request.MaxItems is < 1 or > QueuePollRequest.MaxItemsLimit)
            throw new KubeMQValidationException("QueuePollRequest.MaxItems", $"the count must be between 1 and {QueuePollRequest.MaxItemsLimit} (got {request.MaxItems})");
        if (request.WaitTimeout < QueuePollRequest.MinWaitTimeout || request.WaitTimeout > QueuePollRequest.MaxWaitTimeout)
            throw new KubeMQValidationException("QueuePollRequest.WaitTimeout", $"the wait must be between 1 second (the broker's minimum) and 1 hour (got {request.WaitTimeout})");
        ThrowIfDisposed();
        return PollTracedAsync(request, cancellationToken);
    }

    private async Task<QueuePollResult> PollTracedAsync(QueuePollRequest request, CancellationToken cancellationToken)
    {
        var operation = MessagingOperation.Start(this, MessagingAttributes.Receive, MessagingPattern.Queues, request.Channel, ActivityKind.Client);
        QueuePollResult result;
        try
        {
            result = await _pollStreams.PollAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            operation.Fail(e);
            throw;
        }
        operation.SetTag(MessagingAttributes.BatchCount, result.Messages.Count);
        if (result.Messages.Count == 0)
            operation.Unrecord();
        if (operation.Activity is { IsAllDataRequested: true } activity)
        {
            foreach (var message in result.Messages)
            {
                if (TraceContextPropagation.TryExtract(message.Tags, null, out var producer))
                    activity.AddLink(new ActivityLink(producer));
            }
        }
        operation.Succeed();
        KubeMQTelemetry.RecordConsumed(MessagingAttributes.Receive, MessagingPattern.Queues, request.Channel, result.Messages.Count);
        return result;
    }

    /// <summary>
    /// Receives one message under a visibility timer over the legacy StreamQueueMessage call (see
    /// <see cref="QueueMessageTransaction"/>); null when no message arrived within <paramref name="waitTimeout"/>.
    /// </summary>
    public Task<QueueMessageTransaction?> ReceiveQueueMessageTransactionAsync(string channel, TimeSpan visibility, TimeSpan? waitTimeout = null, CancellationToken cancellationToken = default)
    {
        ChannelNameRules.ValidateForSend(channel, "channel");
        var visibilitySeconds = MessageRules.ToWholeSeconds(visibility, "visibility", 1, QueueDeliveryPolicy.MaxExpirationSeconds);
        var waitSeconds = MessageRules.ToWholeSeconds(waitTimeout ?? TimeSpan.FromSeconds(1), "waitTimeout", 1, MaxQueueWaitSeconds);
        ThrowIfDisposed();
        return QueueMessageTransaction.ReceiveAsync(this, channel, visibilitySeconds, waitSeconds, cancellationToken);
    }

    /// <summary>Queue statistics from the broker; <paramref name="queueName"/> narrows them to that queue (null: all queues).</summary>
    public async Task<QueuesStatistics> GetQueuesInfoAsync(string? queueName = null, CancellationToken cancellationToken = default)
    {
        var request = new QueuesInfoRequest { RequestID = Guid.NewGuid().ToString("N"), QueueName = queueName ?? "" };
        var response = await UnaryAsync(request, static (grpc, r, options) => grpc.QueuesInfoAsync(r, options), "QueuesInfo",
            Options.DefaultRequestTimeout, cancellationToken).ConfigureAwait(false);
        var info = response.Info;
        if (info is null)
            return new QueuesStatistics();
        var queues = new QueueStatistics[info.Queues.Count];
        for (var i = 0; i < queues.Length; i++)
        {
            var q = info.Queues[i];
            queues[i] = new QueueStatistics
            {
                Name = q.Name, Messages = q.Messages, Bytes = q.Bytes, FirstSequence = q.FirstSequence, LastSequence = q.LastSequence,
                Sent = q.Sent, Delivered = q.Delivered, Waiting = q.Waiting, Subscribers = q.Subscribers,
            };
        }
        return new QueuesStatistics { TotalQueues = info.TotalQueue, Sent = info.Sent, Delivered = info.Delivered, Waiting = info.Waiting, Queues = queues };
    }

    /// <summary>Polls sent on the queue streams that the broker has not answered yet (abandoned ones included).</summary>
    internal int PendingQueuePolls => _pollStreams.PendingPolls;

    private async Task<QueueReceiveResult> ReceiveAsync(string channel, int maxMessages, TimeSpan? waitTimeout, bool peek, CancellationToken cancellationToken)
    {
        ChannelNameRules.ValidateForSend(channel, "channel");
        if (maxMessages is < 1 or > QueuePollRequest.MaxItemsLimit)
            throw new KubeMQValidationException("maxMessages", $"the count must be between 1 and {QueuePollRequest.MaxItemsLimit} (got {maxMessages})");
        var wait = waitTimeout ?? TimeSpan.FromSeconds(1);
        var request = new ReceiveQueueMessagesRequest
        {
            RequestID = Guid.NewGuid().ToString("N"),
            ClientID = ClientId,
            Channel = channel,
            MaxNumberOfMessages = maxMessages,
            WaitTimeSeconds = MessageRules.ToWholeSeconds(wait, "waitTimeout", 0, MaxQueueWaitSeconds),
            IsPeak = peek,
        };
        var operation = MessagingOperation.Start(this, MessagingAttributes.Receive, MessagingPattern.Queues, channel, ActivityKind.Client);
        ReceiveQueueMessagesResponse response;
        try
        {
            response = await UnaryAsync(request, static (grpc, r, options) => grpc.ReceiveQueueMessagesAsync(r, options),
                peek ? "PeekQueueMessages" : "ReceiveQueueMessages", wait + QueueDeadlineGrace, cancellationToken).ConfigureAwait(false);
            if (response.IsError)
                throw new KubeMQRemoteException($"{(peek ? "PeekQueueMessages" : "ReceiveQueueMessages")} on '{channel}' failed: {response.Error}", response.Error);
        }
        catch (Exception e)
        {
            operation.Fail(e);
            throw;
        }
        operation.SetTag(MessagingAttributes.BatchCount, response.Messages.Count);
        if (response.Messages.Count == 0)
            operation.Unrecord();
        LinkProducers(operation, response.Messages);
        operation.Succeed();
        // A peek leaves the messages in the queue: nothing was consumed.
        if (!peek)
            KubeMQTelemetry.RecordConsumed(MessagingAttributes.Receive, MessagingPattern.Queues, channel, response.Messages.Count);
        return new QueueReceiveResult { Messages = QueueWire.FromWire(response.Messages), Expired = response.MessagesExpired };
    }

    /// <summary>One send span for a batch; its context travels in every message of the batch.</summary>
    internal MessagingOperation StartBatchSend(Google.Protobuf.Collections.RepeatedField<KubeMQ.Grpc.QueueMessage> messages)
    {
        var channel = messages[0].Channel;
        var operation = MessagingOperation.Start(this, MessagingAttributes.Send, MessagingPattern.Queues, channel, ActivityKind.Producer);
        operation.SetTag(MessagingAttributes.BatchCount, messages.Count);
        foreach (var message in messages)
            TraceContextPropagation.Inject(operation.Activity, message.Tags);
        return operation;
    }

    internal static void EndBatchSend(MessagingOperation operation, Google.Protobuf.Collections.RepeatedField<KubeMQ.Grpc.QueueMessage> messages,
        Google.Protobuf.Collections.RepeatedField<KubeMQ.Grpc.SendQueueMessageResult>? results, Exception? failure)
    {
        if (failure is not null)
            operation.Fail(failure);
        else
            operation.Succeed();
        if (!KubeMQTelemetry.SentMessages.Enabled)
            return;
        for (var i = 0; i < messages.Count; i++)
        {
            var refused = results is not null && i < results.Count && results[i].IsError;
            KubeMQTelemetry.RecordSent(MessagingPattern.Queues, messages[i].Channel, 1,
                failure is not null ? failure.GetType().FullName : refused ? "refused" : null);
        }
    }

    /// <summary>Links a receive span to the spans that sent the messages it took.</summary>
    internal static void LinkProducers(MessagingOperation operation, Google.Protobuf.Collections.RepeatedField<KubeMQ.Grpc.QueueMessage> messages)
    {
        if (operation.Activity is not { IsAllDataRequested: true } activity)
            return;
        foreach (var message in messages)
        {
            if (TraceContextPropagation.TryExtract(message.Tags, null, out var producer))
                activity.AddLink(new ActivityLink(producer));
        }
    }

    internal void AddBatch(IReadOnlyList<QueueMessage> messages, Google.Protobuf.Collections.RepeatedField<KubeMQ.Grpc.QueueMessage> target, string field)
    {
        ArgumentNullException.ThrowIfNull(messages, field);
        if (messages.Count == 0)
            throw new KubeMQValidationException(field, "a batch needs at least one message");
        for (var i = 0; i < messages.Count; i++)
            target.Add(QueueWire.ToWire(messages[i], ClientId, new FieldName(field, i)));
    }
}
