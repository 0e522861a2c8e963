namespace KubeMQ.Client.Tests;

/// <summary>
/// A responder subscription gives no signal once the broker has registered it, so tests send probe commands or
/// queries (metadata "probe", short timeout) until one is answered. Handlers answer probes with an executed reply.
/// </summary>
internal static class Responder
{
    public const string ProbeMetadata = "probe";

    public static bool IsProbe(RequestReceived request) => request.Metadata == ProbeMetadata;

    public static Task UntilCommandsAnsweredAsync(KubeMQClient client, string channel)
    {
        var answered = false;
        return Eventually.RetryUntilAsync(async () =>
        {
            var response = await client.SendCommandAsync(new CommandRequest { Channel = channel, Metadata = ProbeMetadata, Timeout = TimeSpan.FromMilliseconds(500) });
            answered = response.Executed;
        }, () => answered, $"the command responder on {channel} answers");
    }

    public static Task UntilQueriesAnsweredAsync(KubeMQClient client, string channel)
    {
        var answered = false;
        return Eventually.RetryUntilAsync(async () =>
        {
            var response = await client.SendQueryAsync(new QueryRequest { Channel = channel, Metadata = ProbeMetadata, Timeout = TimeSpan.FromMilliseconds(500) });
            answered = response.Executed;
        }, () => answered, $"the query responder on {channel} answers");
    }
}
