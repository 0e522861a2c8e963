using KubeMQ.Broker;
using KubeMQ.Client;

namespace KubeMQ.Typed.Tests.Support;

/// <summary>
/// Waits until a started host's subscriptions are live. KubeMQ sends nothing on a new subscription stream, so the
/// only proof is traffic: these probes retry (bounded) until a responder answers. A probe uses an unknown wire name,
/// so responders answer it with an error reply and no handler runs.
/// </summary>
public static class Readiness
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(300);

    public static Task QueriesAsync(KubeMQBroker broker, string channel) =>
        ProbeAsync(broker, (client, token) => client.SendQueryAsync(
            new QueryRequest { Channel = channel, Metadata = "__probe", Body = "null"u8.ToArray(), Timeout = ProbeTimeout }, token));

    public static Task CommandsAsync(KubeMQBroker broker, string channel) =>
        ProbeAsync(broker, (client, token) => client.SendCommandAsync(
            new CommandRequest { Channel = channel, Metadata = "__probe", Body = "null"u8.ToArray(), Timeout = ProbeTimeout }, token));

    private static async Task ProbeAsync(KubeMQBroker broker, Func<KubeMQClient, CancellationToken, Task> probe)
    {
        await using var client = TypedHost.RawClient(broker);
        using var limit = new CancellationTokenSource(Recorder.Limit);
        while (true)
        {
            try
            {
                await probe(client, limit.Token);
                return;
            }
            catch (KubeMQTimeoutException) when (!limit.IsCancellationRequested)
            {
                // Nobody subscribed yet: the broker held the probe for its whole timeout.
            }
        }
    }
}
