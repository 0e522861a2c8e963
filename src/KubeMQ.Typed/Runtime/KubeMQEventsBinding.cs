using System.ComponentModel;
using System.Text.Json;
using KubeMQ.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMQ.Typed.Runtime;

/// <summary>
/// Base of generated events and events-store handler bindings. Events cannot be answered, so a failing handler or a
/// bad payload is logged and the subscription goes on with the next event. Events-store subscriptions are resumed by
/// the client after a reconnect from the last sequence seen.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class KubeMQEventsBinding : KubeMQBinding
{
    private readonly string? _group;
    private readonly EventsStoreStartPosition? _startPosition;
    private KubeMQSubscription? _subscription;

    protected KubeMQEventsBinding(IServiceProvider services, string channel, KubeMQEventsHandlerOptions options)
        : base(services, SubscribedChannel(channel, options), KubeMQPattern.Events)
    {
        _group = string.IsNullOrEmpty(options.Group) ? null : options.Group;
    }

    protected KubeMQEventsBinding(IServiceProvider services, string channel, KubeMQEventsStoreHandlerOptions options)
        : base(services, channel, KubeMQPattern.EventsStore)
    {
        ArgumentNullException.ThrowIfNull(options);
        _group = string.IsNullOrEmpty(options.Group) ? null : options.Group;
        _startPosition = options.StartPosition;
    }

    /// <summary>The handler's own channel (which may hold wildcards) or, by default, the contract's.</summary>
    private static string SubscribedChannel(string contractChannel, KubeMQEventsHandlerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.Channel) ? contractChannel : options.Channel;
    }

    /// <summary>Deserializes the arguments and calls the handler.</summary>
    protected abstract ValueTask DispatchAsync(
        IServiceProvider services, string method, ReadOnlyMemory<byte> body, KubeMQRequestContext context);

    /// <remarks>
    /// Returns once the subscription is requested; <see cref="WhenSubscribedAsync"/> tells when the broker has
    /// registered it (KubeMQ servers never say, the embedded broker does).
    /// </remarks>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = _startPosition is { } start
            ? Client.SubscribeToEventsStore(
                new EventsStoreSubscription { Channel = Channel, Group = _group, StartPosition = start }, HandleAsync)
            : Client.SubscribeToEvents(new EventsSubscription { Channel = Channel, Group = _group }, HandleAsync);
        return Task.CompletedTask;
    }

    public override Task StopAsync(CancellationToken cancellationToken) => StopSubscriptionAsync(_subscription);

    public override Task WhenSubscribedAsync(CancellationToken cancellationToken) =>
        _subscription?.WhenActiveAsync(cancellationToken) ?? Task.CompletedTask;

    private async ValueTask HandleAsync(EventReceived received, CancellationToken cancellationToken)
    {
        var method = received.Metadata ?? "";
        var context = new KubeMQRequestContext
        {
            Channel = received.Channel,
            Method = method,
            Pattern = Pattern,
            Id = received.Id,
            Tags = received.Tags,
            CancellationToken = cancellationToken,
            Sequence = received.Sequence,
            Timestamp = Pattern == KubeMQPattern.EventsStore ? received.Timestamp : null,
        };
        try
        {
            var scope = ScopeFactory.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await DispatchAsync(scope.ServiceProvider, method, received.Body, context).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reported = exception is JsonException json
                ? new KubeMQPayloadException($"The body of '{method}' is not valid for its parameters: {json.Message}", json)
                : exception;
            // The client's consumer span for this event is current here; it cannot see the failure, which ends here.
            MarkCurrentSpanFailed(reported);
            TypedLog.HandlerFailed(Logger, reported, Channel, method, received.Id);
        }
    }
}
