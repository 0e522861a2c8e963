using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using KubeMQ.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMQ.Typed.Runtime;

/// <summary>
/// Base of generated queue consumer bindings: <see cref="KubeMQQueueConsumerOptions.Concurrency"/> loops each poll a
/// transaction of up to <see cref="KubeMQQueueConsumerOptions.BatchSize"/> messages, call the handler for each, then
/// ack the ones that succeeded and nack the ones that threw, so the broker redelivers them and applies the
/// dead-letter policy. Messages not yet handled when the host stops go back to the queue in place.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class KubeMQQueueConsumerBinding : KubeMQBinding
{
    // Settlement must reach the broker even while stopping, but never hang a shutdown.
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly KubeMQQueueConsumerOptions _options;
    private CancellationTokenSource? _stopping;
    private Task[] _loops = [];

    protected KubeMQQueueConsumerBinding(IServiceProvider services, string channel, KubeMQQueueConsumerOptions options)
        : base(services, channel, KubeMQPattern.Queue)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(channel);
        _options = options;
    }

    /// <summary>Deserializes the arguments and calls the handler; an exception means "nack".</summary>
    protected abstract ValueTask DispatchAsync(
        IServiceProvider services, string method, ReadOnlyMemory<byte> body, KubeMQRequestContext context);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        _loops = new Task[_options.Concurrency];
        for (var i = 0; i < _loops.Length; i++)
            _loops[i] = Task.Run(() => PollLoopAsync(token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(false);
        _stopping.Dispose();
        _stopping = null;
    }

    private async Task PollLoopAsync(CancellationToken stopping)
    {
        // Started from the host's start-up: its polls and messages belong to no start-up trace.
        Activity.Current = null;
        while (!stopping.IsCancellationRequested)
        {
            QueuePollResult poll;
            try
            {
                poll = await Client.PollQueueAsync(new QueuePollRequest
                {
                    Channel = Channel,
                    MaxItems = _options.BatchSize,
                    WaitTimeout = _options.PollWaitTimeout,
                }, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                TypedLog.PollFailed(Logger, exception, Channel);
                if (!await DelayRetryAsync(stopping).ConfigureAwait(false))
                    return;
                continue;
            }

            await using (poll.ConfigureAwait(false))
            {
                if (poll.Messages.Count > 0)
                    await HandleBatchAsync(poll, stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleBatchAsync(QueuePollResult poll, CancellationToken stopping)
    {
        var acked = new List<ulong>(poll.Messages.Count);
        var nacked = new List<ulong>();
        foreach (var message in poll.Messages)
        {
            // Messages left unhandled return to the queue in place when the transaction is closed without settling.
            if (stopping.IsCancellationRequested)
                break;
            switch (await HandleAsync(message, stopping).ConfigureAwait(false))
            {
                case Outcome.Ack:
                    acked.Add(message.Sequence);
                    break;
                case Outcome.Nack:
                    nacked.Add(message.Sequence);
                    break;
            }
        }

        using var settle = new CancellationTokenSource(SettleTimeout);
        try
        {
            if (acked.Count == poll.Messages.Count)
            {
                await poll.AckAllAsync(settle.Token).ConfigureAwait(false);
                return;
            }
            if (nacked.Count == poll.Messages.Count)
            {
                await poll.NackAllAsync(settle.Token).ConfigureAwait(false);
                return;
            }
            if (acked.Count > 0)
                await poll.AckRangeAsync(acked, settle.Token).ConfigureAwait(false);
            if (nacked.Count > 0)
                await poll.NackRangeAsync(nacked, settle.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The transaction closes unsettled on dispose, so these messages are redelivered: at least once holds.
            TypedLog.SettleFailed(Logger, exception, Channel, poll.TransactionId);
        }
    }

    private async Task<Outcome> HandleAsync(QueueMessageReceived message, CancellationToken stopping)
    {
        var method = message.Metadata ?? "";
        var context = new KubeMQRequestContext
        {
            Channel = Channel,
            Method = method,
            Pattern = KubeMQPattern.Queue,
            Id = message.Id,
            Tags = message.Tags,
            CancellationToken = stopping,
            Sequence = message.Sequence,
            Timestamp = message.Timestamp,
            ReceiveCount = message.ReceiveCount,
        };
        var processing = QueueMessageProcessing.Start(Channel, method, message);
        try
        {
            var scope = ScopeFactory.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await DispatchAsync(scope.ServiceProvider, method, message.Body, context).ConfigureAwait(false);
            }
            processing.Succeed();
            return Outcome.Ack;
        }
        catch (OperationCanceledException exception) when (stopping.IsCancellationRequested)
        {
            processing.Fail(exception);
            return Outcome.Abandon;
        }
        catch (Exception exception)
        {
            processing.Fail(exception);
            var reported = exception is JsonException json
                ? new KubeMQPayloadException($"The body of '{method}' is not valid for its parameters: {json.Message}", json)
                : exception;
            TypedLog.QueueHandlerFailed(Logger, reported, Channel, method, message.Id, message.ReceiveCount);
            return Outcome.Nack;
        }
    }

    private static async Task<bool> DelayRetryAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(RetryDelay, stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private enum Outcome
    {
        Ack,
        Nack,
        Abandon,
    }
}
