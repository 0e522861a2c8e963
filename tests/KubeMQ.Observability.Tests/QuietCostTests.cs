using System.Diagnostics;
using Google.Protobuf.Collections;
using KubeMQ.Client;

namespace KubeMQ.Observability.Tests;

/// <summary>Runs alone, after the parallel tests: their tracer providers and meter listeners are process-wide.</summary>
[CollectionDefinition(nameof(QuietCostTests), DisableParallelization = true)]
public sealed class QuietCostCollection;

[Collection(nameof(QuietCostTests))]
public sealed class QuietCostTests
{
    [Fact]
    public async Task Instrumentation_allocates_nothing_while_nobody_listens()
    {
        await using var client = new KubeMQClient(new KubeMQClientOptions { Address = "localhost:1" });
        var tags = new MapField<string, string>();
        Assert.False(KubeMQTelemetry.Source.HasListeners(), "a listener from another test is still attached");
        Assert.False(KubeMQTelemetry.SentMessages.Enabled, "a meter listener from another test is still attached");
        Assert.Null(Activity.Current);

        for (var i = 0; i < 10; i++)
            SendAndReceiveOnce(client, tags);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
            SendAndReceiveOnce(client, tags);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Empty(tags); // no activity anywhere: no trace context written
    }

    // What a send and a delivery do around the wire call: span, trace context, metrics.
    private static void SendAndReceiveOnce(KubeMQClient client, MapField<string, string> tags)
    {
        var send = client.StartSend(MessagingPattern.Events, "quiet.channel", ActivityKind.Producer, tags, "id", 10);
        KubeMQClient.EndSend(send, MessagingPattern.Events, "quiet.channel", 1, null);
        KubeMQTelemetry.RecordConsumed(MessagingAttributes.Receive, MessagingPattern.Events, "quiet.channel", 1);
        var process = MessagingOperation.StartProcessing(client, MessagingPattern.Events, "quiet.channel", ActivityKind.Consumer, EmptyTags.Instance, null);
        process.Succeed();
    }
}
