using Grpc.Core;

namespace KubeMQ.Client;

/// <summary>
/// Reads what a server offers beyond the KubeMQ protocol from Ping's response headers. The embedded broker lists
/// <c>subscription-confirmation</c> in <c>kubemq-capabilities</c>: it then flushes a subscription stream's headers as
/// soon as the subscriber is registered. KubeMQ servers send neither header.
/// </summary>
internal static class ServerCapabilities
{
    private const string HeaderName = "kubemq-capabilities";
    private const string SubscriptionConfirmation = "subscription-confirmation";

    public static bool ConfirmsSubscriptions(Metadata headers)
    {
        var value = headers.GetValue(HeaderName);
        if (value is null)
            return false;
        foreach (var range in value.AsSpan().Split(','))
        {
            if (value.AsSpan(range).Trim().Equals(SubscriptionConfirmation, StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
