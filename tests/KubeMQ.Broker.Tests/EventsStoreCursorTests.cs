using Google.Protobuf;
using KubeMQ.Broker.EventsStore;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Tests;

/// <summary>
/// The events-store cursor below the wire: a group member whose stream breaks mid-write gives its entry back, which no
/// loopback test can time deterministically.
/// </summary>
public sealed class EventsStoreCursorTests
{
    private static EventLog LogOf(int count)
    {
        var log = new EventLog();
        for (var i = 1; i <= count; i++)
            log.Append(new Event { Channel = "c", Body = ByteString.CopyFromUtf8(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) }, i);
        return log;
    }

    [Fact]
    public void An_entry_given_back_is_taken_again_before_newer_ones()
    {
        var log = LogOf(3);
        var cursor = new EventsStoreCursor(1);

        Assert.True(cursor.TryTake(log, out var first));
        cursor.GiveBack(first);

        Assert.True(cursor.TryTake(log, out var again));
        Assert.Same(first, again);
        Assert.True(cursor.TryTake(log, out var second));
        Assert.Equal(2UL, second.Sequence);
    }

    [Fact]
    public async Task Giving_an_entry_back_wakes_a_member_waiting_at_the_end_of_the_log()
    {
        var log = LogOf(1);
        var cursor = new EventsStoreCursor(1);
        Assert.True(cursor.TryTake(log, out var only));
        var waiting = log.NextAppend;
        Assert.False(cursor.TryTake(log, out _));

        cursor.GiveBack(only);
        log.WakeReaders();

        await waiting.WaitAsync(Eventually.Patience);
        Assert.True(cursor.TryTake(log, out var redelivered));
        Assert.Same(only, redelivered);
    }

    [Fact]
    public void Timestamps_never_decrease_and_a_time_search_finds_the_first_at_or_after()
    {
        var log = new EventLog();
        log.Append(new Event { Channel = "c", Metadata = "a" }, 100);
        log.Append(new Event { Channel = "c", Metadata = "b" }, 50);
        log.Append(new Event { Channel = "c", Metadata = "c" }, 200);

        Assert.Equal(100, log.Get(2).Timestamp);
        Assert.Equal(1, log.FirstSequenceAtOrAfter(100));
        Assert.Equal(3, log.FirstSequenceAtOrAfter(101));
        Assert.Equal(4, log.FirstSequenceAtOrAfter(201));
    }

    [Fact]
    public void The_log_grows_past_one_chunk()
    {
        var log = LogOf(2500);

        Assert.Equal(2500, log.LastSequence);
        Assert.Equal("1025", log.Get(1025).Body.ToStringUtf8());
        Assert.Equal("2500", log.Get(2500).Body.ToStringUtf8());
    }
}
