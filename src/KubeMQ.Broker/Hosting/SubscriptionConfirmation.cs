using Grpc.Core;

namespace KubeMQ.Broker.Hosting;

/// <summary>
/// KubeMQ sends nothing when a subscription is registered, so a client cannot tell "subscribed" from "still
/// connecting" and an event published right after subscribing may be missed. This broker closes that gap within the
/// protocol: once a subscriber is registered it flushes the response headers with <see cref="HeaderName"/>, and Ping
/// advertises the capability so that clients know to wait for it (other servers advertise nothing; clients then do
/// not wait). Clients that know nothing of it ignore both headers.
/// </summary>
internal static class SubscriptionConfirmation
{
    /// <summary>Response header of a subscription stream, sent as soon as the subscriber is registered.</summary>
    public const string HeaderName = "kubemq-subscription";

    public const string HeaderValue = "registered";

    /// <summary>Response header of Ping listing what this server offers beyond the KubeMQ protocol.</summary>
    public const string CapabilitiesHeaderName = "kubemq-capabilities";

    public const string CapabilitiesValue = "subscription-confirmation";

    public static Task ConfirmAsync(ServerCallContext context) =>
        context.WriteResponseHeadersAsync(new Metadata { { HeaderName, HeaderValue } });

    public static Task AdvertiseAsync(ServerCallContext context) =>
        context.WriteResponseHeadersAsync(new Metadata { { CapabilitiesHeaderName, CapabilitiesValue } });
}
