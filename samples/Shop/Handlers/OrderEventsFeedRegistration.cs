using System.Diagnostics.CodeAnalysis;
using KubeMQ.Typed;
using KubeMQ.Typed.Runtime;
using Shop.Contracts;

namespace Shop.Handlers;

/// <summary>Registers an <see cref="IOrderEventsHandler"/> on a wildcard channel (workaround, see OrderEventsFeedBinding).</summary>
internal static class OrderEventsFeedRegistration
{
    public static KubeMQBuilder AddOrderEventsFeed<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this KubeMQBuilder builder, string channelPattern)
        where THandler : class, IOrderEventsHandler =>
        KubeMQRegistration.AddBinding<THandler>(builder, services => new OrderEventsFeedBinding<THandler>(services, channelPattern));
}
