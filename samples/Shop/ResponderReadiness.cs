using KubeMQ.Client;

namespace Shop;

/// <summary>
/// For KubeMQ servers (KUBEMQ_ADDRESS): a started host does not mean such a server has registered the typed
/// responders' subscriptions (it sends nothing on a subscription stream before its first message), and a request that
/// arrives first waits out its whole timeout. The embedded broker confirms subscriptions and the host waits for that,
/// so there the first probe is answered at once. So the app asks each responder channel a
/// short raw request until something answers: the typed binding replies even to a method it does not know (with an
/// error reply), which proves it is subscribed.
/// </summary>
public static class ResponderReadiness
{
    private const string ProbeMethod = "readiness-probe";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    public static async Task WaitAsync(KubeMQClient client, IEnumerable<(RequestKind Kind, string Channel)> responders,
        CancellationToken cancellationToken)
    {
        foreach (var (kind, channel) in responders)
        {
            while (!await AnswersAsync(client, kind, channel, cancellationToken).ConfigureAwait(false))
            {
                // No responder yet: the timed-out probe already waited, so ask again at once.
            }
        }
    }

    private static async Task<bool> AnswersAsync(KubeMQClient client, RequestKind kind, string channel, CancellationToken cancellationToken)
    {
        try
        {
            if (kind == RequestKind.Query)
                await client.SendQueryAsync(new QueryRequest { Channel = channel, Metadata = ProbeMethod, Timeout = ProbeTimeout }, cancellationToken).ConfigureAwait(false);
            else
                await client.SendCommandAsync(new CommandRequest { Channel = channel, Metadata = ProbeMethod, Timeout = ProbeTimeout }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubeMQTimeoutException)
        {
            return false;
        }
    }
}
