using KubeMQ.Broker;
using KubeMQ.Client;
using KubeMQ.Typed.Tests.Contracts;
using KubeMQ.Typed.Tests.Support;

namespace KubeMQ.Typed.Tests;

public sealed class EventsStoreContractTests
{
    [Fact]
    public async Task Handlers_replay_stored_events_from_their_start_position_with_sequences_then_receive_new_ones()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var publisher = await TypedHost.StartAsync(broker, kubemq => kubemq.AddAuditLogClient());
        var audit = publisher.Get<IAuditLog>();
        for (var i = 1; i <= 5; i++)
            await audit.Recorded(new AuditEntry(i, $"action {i}"));

        // Subscribed only after the five were stored: what they get is a replay.
        await using var consumer = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddAuditLogHandler<AuditFromSequence>(o => o.StartPosition = EventsStoreStartPosition.AtSequence(3))
            .AddAuditLogHandler<AuditFromFirst>(o => o.StartPosition = EventsStoreStartPosition.FromFirst));

        Assert.Equal([(3, 3UL), (4, 4UL), (5, 5UL)], await consumer.Recorder.WaitForAsync<(int, ulong)>("from-sequence", 3));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (i, (ulong)i)), await consumer.Recorder.WaitForAsync<(int, ulong)>("from-first", 5));

        await audit.Recorded(new AuditEntry(6, "live"));

        Assert.Equal((6, 6UL), (await consumer.Recorder.WaitForAsync<(int, ulong)>("from-sequence", 4))[3]);
        Assert.Equal((6, 6UL), (await consumer.Recorder.WaitForAsync<(int, ulong)>("from-first", 6))[5]);
    }
}
