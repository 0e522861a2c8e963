using KubeMQ.Grpc;

namespace KubeMQ.Client;

/// <summary>
/// The messages of one poll and, unless the poll auto-acked or found nothing, the open transaction that holds them.
/// Settle it with the ack/nack/requeue methods; disposing an unsettled result closes the transaction and the
/// remaining messages return to the queue in place. Settlement methods complete once the broker has processed
/// them and throw <see cref="KubeMQRemoteException"/> with the broker's text when it refused.
/// </summary>
public sealed class QueuePollResult : IAsyncDisposable
{
    private readonly DownstreamStream _stream;
    private readonly HashSet<ulong> _unsettled;
    private int _open;

    internal QueuePollResult(DownstreamStream stream, string channel, string transactionId, IReadOnlyList<QueueMessageReceived> messages, bool open)
    {
        _stream = stream;
        Channel = channel;
        TransactionId = transactionId;
        Messages = messages;
        _open = open ? 1 : 0;
        _unsettled = open ? [.. messages.Select(static m => m.Sequence)] : [];
    }

    public string Channel { get; }

    public string TransactionId { get; }

    public IReadOnlyList<QueueMessageReceived> Messages { get; }

    /// <summary>True while messages of this poll are held and await settlement.</summary>
    public bool IsTransactionOpen => Volatile.Read(ref _open) != 0;

    /// <summary>Acknowledges every message: they leave the queue.</summary>
    public Task AckAllAsync(CancellationToken cancellationToken = default) =>
        SettleAllAsync(QueuesDownstreamRequestType.AckAll, null, "AckAll", cancellationToken);

    /// <summary>Acknowledges the messages with these sequences.</summary>
    public Task AckRangeAsync(IEnumerable<ulong> sequences, CancellationToken cancellationToken = default) =>
        SettleRangeAsync(QueuesDownstreamRequestType.AckRange, sequences, null, "AckRange", cancellationToken);

    /// <summary>Rejects every message: each goes back to the queue with a new sequence (or to its dead-letter queue).</summary>
    public Task NackAllAsync(CancellationToken cancellationToken = default) =>
        SettleAllAsync(QueuesDownstreamRequestType.NackAll, null, "NackAll", cancellationToken);

    /// <summary>Rejects the messages with these sequences.</summary>
    public Task NackRangeAsync(IEnumerable<ulong> sequences, CancellationToken cancellationToken = default) =>
        SettleRangeAsync(QueuesDownstreamRequestType.NackRange, sequences, null, "NackRange", cancellationToken);

    /// <summary>Moves every message to <paramref name="channel"/> as a fresh message.</summary>
    public Task RequeueAllAsync(string channel, CancellationToken cancellationToken = default)
    {
        ChannelNameRules.ValidateForSend(channel, "channel");
        return SettleAllAsync(QueuesDownstreamRequestType.ReQueueAll, channel, "RequeueAll", cancellationToken);
    }

    /// <summary>Moves the messages with these sequences to <paramref name="channel"/>.</summary>
    public Task RequeueRangeAsync(IEnumerable<ulong> sequences, string channel, CancellationToken cancellationToken = default)
    {
        ChannelNameRules.ValidateForSend(channel, "channel");
        return SettleRangeAsync(QueuesDownstreamRequestType.ReQueueRange, sequences, channel, "RequeueRange", cancellationToken);
    }

    /// <summary>The sequences of this transaction not yet settled, as the broker sees them.</summary>
    public async Task<IReadOnlyList<ulong>> GetActiveOffsetsAsync(CancellationToken cancellationToken = default)
    {
        var response = await _stream.QueryAsync(new QueuesDownstreamRequest
        {
            RequestTypeData = QueuesDownstreamRequestType.ActiveOffsets,
            RefTransactionId = TransactionId,
            Channel = Channel,
        }, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
            throw new KubeMQRemoteException($"ActiveOffsets of transaction {TransactionId} failed: {response.Error}", response.Error);
        var offsets = new ulong[response.ActiveOffsets.Count];
        for (var i = 0; i < offsets.Length; i++)
            offsets[i] = (ulong)response.ActiveOffsets[i];
        Array.Sort(offsets);
        return offsets;
    }

    /// <summary>Asks the broker whether the transaction is still open.</summary>
    public async Task<bool> GetTransactionStatusAsync(CancellationToken cancellationToken = default)
    {
        var response = await _stream.QueryAsync(new QueuesDownstreamRequest
        {
            RequestTypeData = QueuesDownstreamRequestType.TransactionStatus,
            RefTransactionId = TransactionId,
            Channel = Channel,
        }, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
            throw new KubeMQRemoteException($"TransactionStatus of transaction {TransactionId} failed: {response.Error}", response.Error);
        var open = !response.TransactionComplete;
        if (!open)
            Volatile.Write(ref _open, 0);
        return open;
    }

    private async Task SettleAllAsync(QueuesDownstreamRequestType type, string? requeueChannel, string operation, CancellationToken cancellationToken)
    {
        ThrowIfClosed(operation);
        var response = await _stream.SettleAsync(new QueuesDownstreamRequest
        {
            RequestTypeData = type,
            RefTransactionId = TransactionId,
            Channel = Channel,
            ReQueueChannel = requeueChannel ?? "",
        }, $"{operation} of transaction {TransactionId}", cancellationToken).ConfigureAwait(false);
        lock (_unsettled)
            _unsettled.Clear();
        Volatile.Write(ref _open, response.TransactionComplete ? 0 : 1);
    }

    private async Task SettleRangeAsync(QueuesDownstreamRequestType type, IEnumerable<ulong> sequences, string? requeueChannel, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ThrowIfClosed(operation);
        var request = new QueuesDownstreamRequest
        {
            RequestTypeData = type,
            RefTransactionId = TransactionId,
            Channel = Channel,
            ReQueueChannel = requeueChannel ?? "",
        };
        foreach (var sequence in sequences)
        {
            if (sequence is 0 or > long.MaxValue)
                throw new KubeMQValidationException("sequences", $"sequence {sequence} is out of range (1..Int64.MaxValue)");
            request.SequenceRange.Add((long)sequence);
        }
        if (request.SequenceRange.Count == 0)
            throw new KubeMQValidationException("sequences", "at least one sequence is required");
        try
        {
            var response = await _stream.SettleAsync(request, $"{operation} of transaction {TransactionId}", cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _open, response.TransactionComplete ? 0 : 1);
        }
        finally
        {
            lock (_unsettled)
            {
                foreach (var sequence in request.SequenceRange)
                    _unsettled.Remove((ulong)sequence);
            }
        }
    }

    private void ThrowIfClosed(string operation)
    {
        if (!IsTransactionOpen)
            throw new KubeMQValidationException($"QueuePollResult.{operation}", $"transaction {TransactionId} is closed (auto-acked, empty, already settled or disposed)");
    }

    /// <summary>Closes an unsettled transaction: its remaining messages return to the queue in place.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _open, 0) == 0 || _stream.IsBroken)
            return;
        try
        {
            await _stream.FireAndForgetAsync(new QueuesDownstreamRequest
            {
                RequestTypeData = QueuesDownstreamRequestType.CloseByClient,
                RefTransactionId = TransactionId,
                Channel = Channel,
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (KubeMQException)
        {
            // The stream is gone, and with it the transaction: the broker has already returned the messages.
        }
    }
}
