using System.ComponentModel;
using System.Text.Json;
using KubeMQ.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMQ.Typed.Runtime;

/// <summary>
/// Base of generated command and query responder bindings: subscribes, and turns each request into a call of
/// <see cref="DispatchAsync"/> inside a fresh DI scope. Every failure — unknown method, bad payload, handler exception,
/// deadline — becomes an error reply (Executed=false, Error="&lt;type&gt;: &lt;message&gt;"); the subscription keeps serving.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class KubeMQResponderBinding : KubeMQBinding
{
    private readonly string? _group;
    private KubeMQSubscription? _subscription;

    protected KubeMQResponderBinding(IServiceProvider services, string channel, KubeMQPattern pattern, KubeMQResponderOptions options)
        : base(services, channel, pattern)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (pattern is not (KubeMQPattern.Commands or KubeMQPattern.Queries))
            throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "A responder binding serves Commands or Queries.");
        _group = string.IsNullOrEmpty(options.Group) ? null : options.Group;
    }

    /// <summary>Deserializes the arguments, calls the responder, and returns the serialized result (empty for no result).</summary>
    protected abstract ValueTask<ReadOnlyMemory<byte>> DispatchAsync(
        IServiceProvider services, string method, ReadOnlyMemory<byte> body, KubeMQRequestContext context);

    /// <remarks>
    /// Returns once the subscription is requested; <see cref="WhenSubscribedAsync"/> tells when the broker has
    /// registered it (KubeMQ servers never say, the embedded broker does).
    /// </remarks>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var subscription = new RequestsSubscription { Channel = Channel, Group = _group };
        _subscription = Pattern == KubeMQPattern.Queries
            ? Client.SubscribeToQueries(subscription, HandleAsync)
            : Client.SubscribeToCommands(subscription, HandleAsync);
        return Task.CompletedTask;
    }

    public override Task StopAsync(CancellationToken cancellationToken) => StopSubscriptionAsync(_subscription);

    public override Task WhenSubscribedAsync(CancellationToken cancellationToken) =>
        _subscription?.WhenActiveAsync(cancellationToken) ?? Task.CompletedTask;

    private async ValueTask<RequestReply> HandleAsync(RequestReceived request, CancellationToken cancellationToken)
    {
        var method = request.Metadata ?? "";
        // The client's token already fires at the request's deadline (and when the subscription ends), so no second
        // timer is armed here.
        DateTimeOffset? deadlineAt = request.Timeout > TimeSpan.Zero ? DateTimeOffset.UtcNow + request.Timeout : null;
        var context = new KubeMQRequestContext
        {
            Channel = Channel,
            Method = method,
            Pattern = Pattern,
            Id = request.Id,
            Tags = request.Tags,
            CancellationToken = cancellationToken,
            Deadline = deadlineAt,
        };
        try
        {
            var scope = ScopeFactory.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var result = await DispatchAsync(scope.ServiceProvider, method, request.Body, context).ConfigureAwait(false);
                return new RequestReply
                {
                    Executed = true,
                    Body = result,
                    Metadata = method,
                    Tags = KubeMQWireFormat.CreateTags(),
                };
            }
        }
        catch (Exception exception)
        {
            var reported = exception is JsonException json
                ? new KubeMQPayloadException($"The body of '{method}' is not valid for its parameters: {json.Message}", json)
                : exception;
            TypedLog.ResponderFailed(Logger, reported, Channel, method);
            return RequestReply.Failed(KubeMQWireFormat.FormatError(reported));
        }
    }
}
