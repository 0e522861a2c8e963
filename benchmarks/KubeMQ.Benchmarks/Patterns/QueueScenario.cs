using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Benchmarks.Patterns.Receivers;
using KubeMQ.Client;
using KubeMQ.Typed;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMQ.Benchmarks.Patterns;

/// <summary>
/// A queue end to end: senders enqueue, one consumer polls transactions of <see cref="Batch"/> messages and acks
/// them. "queue stream" sends on the QueuesUpstream stream (core only), "queue unary" with SendQueueMessage (the
/// call typed proxies make). The core consumer counts a message once its batch is acked; the typed consumer (the
/// generated binding) counts it in the handler, just before the binding acks the batch.
/// </summary>
internal sealed class QueueScenario(ScenarioPath path, int concurrency, int window)
    : OneWayScenario(path == ScenarioPath.CoreStream ? "queue stream" : "queue unary", path, concurrency, window)
{
    /// <summary>Messages per poll: a poll returns when it has this many or after its wait (1 s, the broker's minimum).</summary>
    public const int Batch = 100;

    private const string Method = "Enqueue";
    private readonly CancellationTokenSource _stopConsumer = new();
    private QueueUpstream? _upstream;
    private Task? _consumer;

    protected override void RegisterTyped(KubeMQBuilder builder) =>
        builder.AddBenchmarkJobsClient().AddBenchmarkJobsConsumer<BenchmarkJobsHandler>(o => o.BatchSize = Batch);

    protected override async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        if (ScenarioPath == ScenarioPath.CoreStream)
            _upstream = await Client.CreateQueueUpstreamAsync(cancellationToken).ConfigureAwait(false);
        _consumer = Task.Run(() => ConsumeAsync(_stopConsumer.Token), CancellationToken.None);
    }

    /// <summary>Queues keep what is sent before the consumer polls: nothing to wait for.</summary>
    protected override Task WaitUntilReceivingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Func<BenchmarkPayload, ValueTask> CreateSender()
    {
        if (IsTyped)
        {
            var proxy = Services.GetRequiredService<IBenchmarkJobs>();
            return payload => new ValueTask(proxy.Enqueue(payload));
        }
        var json = new HandWrittenJson();
        if (_upstream is { } upstream)
            return async payload => ThrowIfRefused((await upstream.SendAsync([Message(json, payload)]).ConfigureAwait(false))[0]);
        return async payload => ThrowIfRefused(await Client.SendQueueMessageAsync(Message(json, payload)).ConfigureAwait(false));
    }

    /// <summary>Sends whole batches only, so the consumer's last poll of a run fills up instead of waiting out its timeout.</summary>
    protected override async Task AfterSendersStoppedAsync(DeliveryWindow run, int nextSequence)
    {
        var send = CreateSender();
        while (run.Counters.Sent % Batch != 0)
        {
            await run.EnterAsync(CancellationToken.None).ConfigureAwait(false);
            await SendCountedAsync(send, run.Counters, nextSequence++).ConfigureAwait(false);
        }
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var request = new QueuePollRequest { Channel = BenchmarkChannelNames.Jobs, MaxItems = Batch, WaitTimeout = TimeSpan.FromSeconds(1) };
        var sentAt = new List<long>(Batch);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                sentAt.Clear();
                var poll = await Client.PollQueueAsync(request, cancellationToken).ConfigureAwait(false);
                await using (poll.ConfigureAwait(false))
                {
                    foreach (var message in poll.Messages)
                        sentAt.Add(HandWrittenJson.Read(message.Body).SentAt);
                    if (poll.Messages.Count > 0)
                        await poll.AckAllAsync(cancellationToken).ConfigureAwait(false);
                }
                foreach (var at in sentAt)
                    Probe.Delivered(at);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Probe.Current?.Counters.AddError(e);
            }
        }
    }

    private static QueueMessage Message(HandWrittenJson json, BenchmarkPayload payload) => new()
    {
        Channel = BenchmarkChannelNames.Jobs,
        Metadata = Method,
        Body = json.Write(payload),
        Tags = HandWrittenJson.Tags,
    };

    private static void ThrowIfRefused(QueueSendResult result)
    {
        if (result.IsError)
            throw new KubeMQRemoteException(result.Error ?? "the broker refused the message");
    }

    protected override async ValueTask StopCoreAsync()
    {
        await _stopConsumer.CancelAsync().ConfigureAwait(false);
        if (_consumer is not null)
            await _consumer.ConfigureAwait(false);
        if (_upstream is not null)
            await _upstream.DisposeAsync().ConfigureAwait(false);
        _stopConsumer.Dispose();
    }
}
