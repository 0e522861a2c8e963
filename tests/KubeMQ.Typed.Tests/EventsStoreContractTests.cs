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

    [Fact]
    public async Task Handlers_start_from_last_from_a_time_and_from_a_time_delta()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var publisher = await TypedHost.StartAsync(broker, kubemq => kubemq.AddAuditLogClient());
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 1; i <= 3; i++)
            await publisher.Get<IAuditLog>().Recorded(new AuditEntry(i, $"action {i}"));

        await using var consumer = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddAuditLogHandler<AuditFromLast>(o => o.StartPosition = EventsStoreStartPosition.FromLast)
            .AddAuditLogHandler<AuditFromTime>(o => o.StartPosition = EventsStoreStartPosition.AtTime(before))
            .AddAuditLogHandler<AuditFromTimeDelta>(o => o.StartPosition = EventsStoreStartPosition.AtTimeDelta(TimeSpan.FromHours(1))));

        Assert.Equal([(3, 3UL)], await consumer.Recorder.WaitForAsync<(int, ulong)>("from-last", 1));
        Assert.Equal([(1, 1UL), (2, 2UL), (3, 3UL)], await consumer.Recorder.WaitForAsync<(int, ulong)>("from-time", 3));
        Assert.Equal([(1, 1UL), (2, 2UL), (3, 3UL)], await consumer.Recorder.WaitForAsync<(int, ulong)>("from-time-delta", 3));
    }

    [Fact]
    public async Task A_new_only_handler_resumes_after_a_network_blip_without_gap_or_duplicate()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddAuditLogClient()
            .AddAuditLogHandler<AuditNewOnly>());
        var audit = host.Get<IAuditLog>();
        for (var i = 1; i <= 3; i++)
            await audit.Recorded(new AuditEntry(i, $"before {i}"));
        await host.Recorder.WaitForAsync<(int, ulong)>("new-only", 3);

        // Every subscription stream is cut; what is published meanwhile is stored and must arrive once the client
        // has resubscribed at the last sequence seen + 1.
        Assert.True(broker.AbortOpenStreams() > 0);
        for (var i = 4; i <= 6; i++)
            await audit.Recorded(new AuditEntry(i, $"during {i}"));
        await audit.Recorded(new AuditEntry(7, "after"));

        var received = await host.Recorder.WaitForAsync<(int, ulong)>("new-only", 7);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (i, (ulong)i)), received);
    }
}

public sealed class AuditNewOnly(Recorder recorder) : RecordingAuditLog(recorder, "new-only");
