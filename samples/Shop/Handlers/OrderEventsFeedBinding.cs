using KubeMQ.Typed;
using KubeMQ.Typed.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts;

namespace Shop.Handlers;

/// <summary>
/// Workaround (see /work/notes/client-api.md, "Requests from samples"): the generated AddOrderEventsHandler
/// subscribes to the contract's own channel only, and KubeMQEventsHandlerOptions has no channel to subscribe to
/// instead, so a wildcard subscriber needs this hand-written binding. It does what the generated one does: read the
/// method from Metadata and the argument with ShopJson, then call the handler.
/// </summary>
internal sealed class OrderEventsFeedBinding<THandler>(IServiceProvider services, string channelPattern)
    : KubeMQEventsBinding(services, channelPattern, new KubeMQEventsHandlerOptions())
    where THandler : class, IOrderEventsHandler
{
    protected override async ValueTask DispatchAsync(
        IServiceProvider services, string method, ReadOnlyMemory<byte> body, KubeMQRequestContext context)
    {
        switch (method)
        {
            case nameof(IOrderEvents.Placed):
                var order = KubeMQJson.Read(body, ShopJson.Default.OrderPlaced)
                    ?? throw new KubeMQPayloadException("An OrderPlaced event had a null body.");
                await services.GetRequiredService<THandler>().Placed(order, context).ConfigureAwait(false);
                break;
            default:
                throw UnknownMethod(method);
        }
    }
}
