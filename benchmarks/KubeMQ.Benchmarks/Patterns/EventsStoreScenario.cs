using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Benchmarks.Patterns.Receivers;
using KubeMQ.Client;
using KubeMQ.Typed;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMQ.Benchmarks.Patterns;

/// <summary>
/// Events store to one subscriber reading new events: each send waits until the broker stored the event.
/// "events-store stream" sends on SendEventsStream (core only), "events-store unary" with SendEvent.
/// </summary>
internal sealed class EventsStoreScenario(ScenarioPath path, int concurrency, int window)
    : OneWayScenario(path == ScenarioPath.CoreStream ? "events-store stream" : "events-store unary", path, concurrency, window)
{
    private const string Method = "Stored";
    private EventsStreamPublisher? _publisher;
    private KubeMQSubscription? _subscription;

    protected override void RegisterTyped(KubeMQBuilder builder) =>
        builder.AddBenchmarkStoreClient().AddBenchmarkStoreHandler<BenchmarkStoreHandler>();

    protected override async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var subscription = new EventsStoreSubscription { Channel = BenchmarkChannelNames.Store, StartPosition = EventsStoreStartPosition.NewOnly };
        _subscription = Client.SubscribeToEventsStore(subscription, (received, _) =>
        {
            if (received.Metadata == Method)
                Probe.Delivered(HandWrittenJson.Read(received.Body).SentAt);
            return ValueTask.CompletedTask;
        });
        if (ScenarioPath == ScenarioPath.CoreStream)
            _publisher = await Client.CreateEventsStreamPublisherAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Func<BenchmarkPayload, ValueTask> CreateSender()
    {
        if (IsTyped)
        {
            var proxy = Services.GetRequiredService<IBenchmarkStore>();
            return payload => new ValueTask(proxy.Stored(payload));
        }
        var json = new HandWrittenJson();
        if (_publisher is { } publisher)
            return async payload => ThrowUnlessStored(await publisher.SendStoreAsync(Message(json, payload)).ConfigureAwait(false));
        return async payload => ThrowUnlessStored(await Client.SendEventStoreAsync(Message(json, payload)).ConfigureAwait(false));
    }

    private static EventMessage Message(HandWrittenJson json, BenchmarkPayload payload) => new()
    {
        Channel = BenchmarkChannelNames.Store,
        Metadata = Method,
        Body = json.Write(payload),
        Tags = HandWrittenJson.Tags,
    };

    private static void ThrowUnlessStored(EventStoreResult result)
    {
        if (!result.Sent)
            throw new KubeMQRemoteException(result.Error ?? "the broker did not store the event");
    }

    protected override async ValueTask StopCoreAsync()
    {
        if (_publisher is not null)
            await _publisher.DisposeAsync().ConfigureAwait(false);
        if (_subscription is not null)
            await _subscription.DisposeAsync().ConfigureAwait(false);
    }
}
