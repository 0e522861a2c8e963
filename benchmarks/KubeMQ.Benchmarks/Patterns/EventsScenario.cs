using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Benchmarks.Patterns.Receivers;
using KubeMQ.Client;
using KubeMQ.Typed;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMQ.Benchmarks.Patterns;

/// <summary>
/// Plain events to one subscriber: "events stream" publishes on SendEventsStream (core only: typed proxies publish
/// with unary SendEvent), "events unary" with SendEvent through the core client or a typed proxy.
/// </summary>
internal sealed class EventsScenario(ScenarioPath path, int concurrency, int window)
    : OneWayScenario(path == ScenarioPath.CoreStream ? "events stream" : "events unary", path, concurrency, window)
{
    private const string Method = "Published";
    private EventsStreamPublisher? _publisher;
    private KubeMQSubscription? _subscription;

    protected override void RegisterTyped(KubeMQBuilder builder) =>
        builder.AddBenchmarkEventsClient().AddBenchmarkEventsHandler<BenchmarkEventsHandler>();

    protected override async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _subscription = Client.SubscribeToEvents(new EventsSubscription { Channel = BenchmarkChannelNames.Events }, (received, _) =>
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
            var proxy = Services.GetRequiredService<IBenchmarkEvents>();
            return payload => new ValueTask(proxy.Published(payload));
        }
        var json = new HandWrittenJson();
        if (_publisher is { } publisher)
            return payload => publisher.SendAsync(Message(json, payload));
        return payload => new ValueTask(Client.SendEventAsync(Message(json, payload)));
    }

    private static EventMessage Message(HandWrittenJson json, BenchmarkPayload payload) => new()
    {
        Channel = BenchmarkChannelNames.Events,
        Metadata = Method,
        Body = json.Write(payload),
        Tags = HandWrittenJson.Tags,
    };

    protected override async ValueTask StopCoreAsync()
    {
        if (_publisher is not null)
            await _publisher.DisposeAsync().ConfigureAwait(false);
        if (_subscription is not null)
            await _subscription.DisposeAsync().ConfigureAwait(false);
    }
}
