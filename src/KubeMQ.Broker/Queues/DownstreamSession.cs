using Grpc.Core;
using KubeMQ.Broker.Validation;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Queues;

/// <summary>
/// One QueuesDownstream stream: its requests are handled one at a time (a pending Get delays the next request), and
/// every transaction it opened that is still open when the stream ends gives its messages back in place.
/// Settlements that succeed send nothing back; only Get, ActiveOffsets, TransactionStatus and errors are answered.
/// </summary>
internal sealed class DownstreamSession(QueueEngine engine, IServerStreamWriter<QueuesDownstreamResponse> writer)
{
    private const int DefaultMaxItems = 200_000;
    private const int MinWaitTimeoutMs = 1000;

    private readonly Dictionary<string, DownstreamTransaction> _open = new(StringComparer.Ordinal);
    private readonly ClosedTransactions _closed = new();

    public async Task RunAsync(IAsyncStreamReader<QueuesDownstreamRequest> requests, CancellationToken streamEnded, CancellationToken shuttingDown)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(streamEnded, shuttingDown);
        // Shutdown must not cancel a pending read: a cancelled gRPC read aborts the call, and the client would never
        // see CloseByServer. So the read is raced against shutdown instead.
        var shutdownSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onShutdown = shuttingDown.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), shutdownSignal);
        var shutdown = shutdownSignal.Task;
        var closedByServer = false;
        try
        {
            while (true)
            {
                var next = requests.MoveNext(streamEnded);
                if (await Task.WhenAny(next, shutdown).ConfigureAwait(false) != next)
                {
                    closedByServer = true;
                    break;
                }
                if (!await next.ConfigureAwait(false))
                    break;
                await HandleAsync(requests.Current, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (shuttingDown.IsCancellationRequested && !streamEnded.IsCancellationRequested)
        {
            closedByServer = true;
        }
        finally
        {
            ReturnOpenTransactions();
        }
        if (closedByServer)
        {
            // The messages are back in their queue before the client hears that the stream is closing.
            await writer.WriteAsync(new QueuesDownstreamResponse
            {
                RequestTypeData = QueuesDownstreamRequestType.CloseByServer,
                TransactionComplete = true,
            }).ConfigureAwait(false);
        }
    }

    private Task HandleAsync(QueuesDownstreamRequest request, CancellationToken cancellationToken) => request.RequestTypeData switch
    {
        QueuesDownstreamRequestType.Get => GetAsync(request, cancellationToken),
        QueuesDownstreamRequestType.AckAll => Settle(request, DownstreamErrors.AckOnClosed, AckAll),
        QueuesDownstreamRequestType.AckRange => Settle(request, DownstreamErrors.AckOnClosed, AckRange),
        QueuesDownstreamRequestType.NackAll => Settle(request, DownstreamErrors.NackOnClosed, NackAll),
        QueuesDownstreamRequestType.NackRange => Settle(request, DownstreamErrors.NackOnClosed, NackRange),
        QueuesDownstreamRequestType.ReQueueAll => Settle(request, DownstreamErrors.AckOnClosed, RequeueAll),
        QueuesDownstreamRequestType.ReQueueRange => Settle(request, DownstreamErrors.RequeueOnClosed, RequeueRange),
        QueuesDownstreamRequestType.ActiveOffsets => ActiveOffsetsAsync(request),
        QueuesDownstreamRequestType.TransactionStatus => TransactionStatusAsync(request),
        QueuesDownstreamRequestType.CloseByClient => CloseByClientAsync(request),
        _ => writer.WriteAsync(new QueuesDownstreamResponse
        {
            RefRequestId = request.RequestID,
            TransactionId = request.RefTransactionId,
            RequestTypeData = QueuesDownstreamRequestType.PollRequestTypeUnknown,
            IsError = true,
            Error = DownstreamErrors.UnknownRequest,
        }),
    };

    private async Task GetAsync(QueuesDownstreamRequest request, CancellationToken cancellationToken)
    {
        var transactionId = Guid.NewGuid().ToString();
        var response = new QueuesDownstreamResponse
        {
            TransactionId = transactionId,
            RefRequestId = request.RequestID,
            RequestTypeData = QueuesDownstreamRequestType.Get,
        };
        var error = string.IsNullOrEmpty(request.ClientID) ? BrokerErrors.EmptyClientId
            : !QueueNames.IsValid(request.Channel) ? BrokerErrors.InvalidQueueName
            : null;
        if (error is not null)
        {
            response.IsError = true;
            response.Error = error;
            await writer.WriteAsync(response).ConfigureAwait(false);
            return;
        }

        var maxItems = request.MaxItems <= 0 ? DefaultMaxItems : request.MaxItems;
        var wait = TimeSpan.FromMilliseconds(Math.Max(request.WaitTimeout, MinWaitTimeoutMs));
        var queue = engine.GetOrCreate(request.Channel);
        var take = await queue.TakeAsync(maxItems, wait, cancellationToken).ConfigureAwait(false);
        response.Messages.AddRange(take.Delivered);

        if (request.AutoAck || take.Held.Count == 0)
        {
            foreach (var message in take.Held)
                queue.Ack(message);
            _closed.Add(transactionId);
            response.TransactionComplete = true;
        }
        else
        {
            _open.Add(transactionId, new DownstreamTransaction(transactionId, queue, take.Held));
        }
        await writer.WriteAsync(response).ConfigureAwait(false);
    }

    /// <summary>Runs a settlement on its open transaction; answers only when it fails.</summary>
    private Task Settle(QueuesDownstreamRequest request, string closedError, Func<DownstreamTransaction, QueuesDownstreamRequest, string?> settle)
    {
        if (!TryFindOpen(request, closedError, out var transaction, out var error))
            return WriteErrorAsync(request, error);
        error = settle(transaction, request);
        if (transaction.IsEmpty)
            Close(transaction);
        return error is null ? Task.CompletedTask : WriteErrorAsync(request, error);
    }

    private static string? AckAll(DownstreamTransaction transaction, QueuesDownstreamRequest request)
    {
        foreach (var message in transaction.ReleaseAll())
            transaction.Queue.Ack(message);
        return null;
    }

    private static string? AckRange(DownstreamTransaction transaction, QueuesDownstreamRequest request) =>
        ForEachInRange(transaction, request, DownstreamErrors.AckEmptyRange, DownstreamErrors.InvalidAckSequence, transaction.Queue.Ack);

    private static string? NackAll(DownstreamTransaction transaction, QueuesDownstreamRequest request)
    {
        foreach (var message in transaction.ReleaseAll())
            transaction.Queue.Republish(message);
        return null;
    }

    private static string? NackRange(DownstreamTransaction transaction, QueuesDownstreamRequest request) =>
        ForEachInRange(transaction, request, DownstreamErrors.NackEmptyRange, DownstreamErrors.InvalidNackSequence, transaction.Queue.Republish);

    private string? RequeueAll(DownstreamTransaction transaction, QueuesDownstreamRequest request)
    {
        var destinationError = RequeueDestinationError(request.ReQueueChannel);
        if (destinationError is not null)
            return destinationError;
        foreach (var message in transaction.ReleaseAll())
            Requeue(transaction, message, request.ReQueueChannel);
        return null;
    }

    private string? RequeueRange(DownstreamTransaction transaction, QueuesDownstreamRequest request)
    {
        var destinationError = RequeueDestinationError(request.ReQueueChannel);
        if (destinationError is not null)
            return destinationError;
        return ForEachInRange(transaction, request, DownstreamErrors.RequeueEmptyRange, DownstreamErrors.InvalidRequeueSequence,
            message => Requeue(transaction, message, request.ReQueueChannel));
    }

    private void Requeue(DownstreamTransaction transaction, StoredQueueMessage message, string destination)
    {
        engine.SendCopy(message, destination);
        transaction.Queue.Ack(message);
    }

    private static string? RequeueDestinationError(string destination) =>
        string.IsNullOrEmpty(destination) ? DownstreamErrors.RequeueWithoutDestination
        : !QueueNames.IsValid(destination) ? BrokerErrors.InvalidQueueName
        : null;

    // Sequences before a failing one stay settled, as in KubeMQ.
    private static string? ForEachInRange(
        DownstreamTransaction transaction,
        QueuesDownstreamRequest request,
        string emptyError,
        Func<long, string> invalidError,
        Action<StoredQueueMessage> settle)
    {
        if (request.SequenceRange.Count == 0)
            return emptyError;
        foreach (var sequence in request.SequenceRange)
        {
            if (!transaction.TryRelease(sequence, out var message))
                return invalidError(sequence);
            settle(message);
        }
        return null;
    }

    private Task ActiveOffsetsAsync(QueuesDownstreamRequest request)
    {
        if (!TryFindOpen(request, DownstreamErrors.ActiveOffsetsOnClosed, out var transaction, out var error))
            return WriteErrorAsync(request, error);
        var response = new QueuesDownstreamResponse
        {
            TransactionId = transaction.Id,
            RefRequestId = request.RequestID,
            RequestTypeData = QueuesDownstreamRequestType.ActiveOffsets,
        };
        response.ActiveOffsets.AddRange(transaction.ActiveOffsets);
        return writer.WriteAsync(response);
    }

    /// <summary>Answers whether the transaction is still open: TransactionComplete is true once it is closed.</summary>
    private Task TransactionStatusAsync(QueuesDownstreamRequest request)
    {
        var open = _open.ContainsKey(request.RefTransactionId);
        if (!open && !_closed.Contains(request.RefTransactionId))
            return WriteErrorAsync(request, DownstreamErrors.TransactionNotFound);
        return writer.WriteAsync(new QueuesDownstreamResponse
        {
            TransactionId = request.RefTransactionId,
            RefRequestId = request.RequestID,
            RequestTypeData = QueuesDownstreamRequestType.TransactionStatus,
            TransactionComplete = !open,
        });
    }

    private Task CloseByClientAsync(QueuesDownstreamRequest request)
    {
        if (_open.TryGetValue(request.RefTransactionId, out var transaction))
        {
            transaction.Queue.ReturnInPlace(transaction.ReleaseAll());
            Close(transaction);
            return Task.CompletedTask;
        }
        // Closing twice is harmless; closing what never existed is reported.
        return _closed.Contains(request.RefTransactionId)
            ? Task.CompletedTask
            : WriteErrorAsync(request, DownstreamErrors.TransactionNotFound);
    }

    private bool TryFindOpen(QueuesDownstreamRequest request, string closedError, out DownstreamTransaction transaction, out string error)
    {
        if (_open.TryGetValue(request.RefTransactionId, out transaction!))
        {
            error = "";
            return true;
        }
        error = _closed.Contains(request.RefTransactionId) ? closedError : DownstreamErrors.TransactionNotFound;
        return false;
    }

    private void Close(DownstreamTransaction transaction)
    {
        _open.Remove(transaction.Id);
        _closed.Add(transaction.Id);
    }

    private void ReturnOpenTransactions()
    {
        foreach (var transaction in _open.Values)
            transaction.Queue.ReturnInPlace(transaction.ReleaseAll());
        _open.Clear();
    }

    private Task WriteErrorAsync(QueuesDownstreamRequest request, string error) => writer.WriteAsync(new QueuesDownstreamResponse
    {
        TransactionId = request.RefTransactionId,
        RefRequestId = request.RequestID,
        RequestTypeData = request.RequestTypeData,
        IsError = true,
        Error = error,
    });
}
