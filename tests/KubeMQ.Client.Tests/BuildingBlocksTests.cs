using System.Text;

namespace KubeMQ.Client.Tests;

/// <summary>The client's pure building blocks, which the broker tests cannot reach: backoff, cursor, parsing, options.</summary>
public sealed class BuildingBlocksTests
{
    [Fact]
    public void Reconnect_delays_grow_exponentially_within_the_jitter_and_stop_at_the_maximum()
    {
        var policy = new KubeMQReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), Multiplier = 2, Jitter = 0.2 };

        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(policy.DelayBefore(1).TotalMilliseconds, 80, 120);
            Assert.InRange(policy.DelayBefore(3).TotalMilliseconds, 320, 480);
            Assert.InRange(policy.DelayBefore(20).TotalMilliseconds, 800, 1200);
        }
    }

    [Fact]
    public void Reconnect_policies_out_of_range_are_refused_with_the_field_named()
    {
        var error = Assert.Throws<KubeMQValidationException>(() => new KubeMQClient(new KubeMQClientOptions
        {
            Reconnect = new KubeMQReconnectPolicy { Jitter = 1.5 },
        }));

        Assert.Equal("KubeMQReconnectPolicy.Jitter", error.Field);
    }

    [Fact]
    public void The_events_store_cursor_resumes_after_the_last_delivered_sequence_and_skips_replayed_ones()
    {
        var cursor = new EventsStoreCursor(EventsStoreStartPosition.FromFirst);

        Assert.Equal(EventsStoreStartPosition.FromFirst, cursor.NextPosition());
        Assert.True(cursor.Advance(1, 100, out _));
        Assert.True(cursor.Advance(2, 200, out _));
        Assert.Equal(EventsStoreStartPosition.AtSequence(3), cursor.NextPosition());
        Assert.False(cursor.Advance(2, 200, out _));
        Assert.True(cursor.Advance(3, 300, out var reset));
        Assert.False(reset);
    }

    [Fact]
    public void The_events_store_cursor_follows_a_broker_whose_sequence_restarted()
    {
        var cursor = new EventsStoreCursor(EventsStoreStartPosition.FromFirst);
        cursor.NextPosition();
        cursor.Advance(7, 700, out _);

        Assert.True(cursor.Advance(1, 900, out var reset));
        Assert.True(reset);
        Assert.Equal(EventsStoreStartPosition.AtSequence(2), cursor.NextPosition());
    }

    [Fact]
    public void A_new_only_subscription_that_received_nothing_resumes_from_its_first_subscription_time()
    {
        var cursor = new EventsStoreCursor(EventsStoreStartPosition.NewOnly);
        var before = DateTimeOffset.UtcNow;

        Assert.Equal(EventsStoreStartPosition.NewOnly, cursor.NextPosition());
        var resumed = cursor.NextPosition();

        Assert.Equal(EventsStoreStartKind.AtTime, resumed.Kind);
        Assert.InRange(resumed.Time, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public void The_channel_list_is_read_with_unknown_keys_skipped_and_an_empty_body_as_no_channels()
    {
        var json = """
            [{"name":"jobs","type":"queues","lastActivity":1700000000000,"isActive":true,"extra":{"nested":[1,2]},
              "incoming":{"messages":5,"volume":50,"responses":0,"waiting":2,"expired":1,"delayed":0,"future":9},
              "outgoing":{"messages":3,"volume":30,"responses":0,"waiting":0,"expired":0,"delayed":0}},
             {"name":"other","type":"queues","lastActivity":0,"isActive":false,"incoming":null,"outgoing":{}}]
            """;

        var channels = ChannelListParser.Parse(Encoding.UTF8.GetBytes(json), ChannelType.Queues);

        Assert.Equal(["jobs", "other"], channels.Select(c => c.Name));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), channels[0].LastActivity);
        Assert.True(channels[0].IsActive);
        Assert.Equal(5, channels[0].Incoming.Messages);
        Assert.Equal(2, channels[0].Incoming.Waiting);
        Assert.Equal(30, channels[0].Outgoing.Volume);
        Assert.Equal(0, channels[1].Incoming.Messages);
        Assert.Empty(ChannelListParser.Parse([], ChannelType.Events));
    }

    [Fact]
    public void A_malformed_channel_list_is_reported_as_a_remote_error()
    {
        Assert.Throws<KubeMQRemoteException>(() => ChannelListParser.Parse("{\"name\":1}"u8, ChannelType.Events));
        Assert.Throws<KubeMQRemoteException>(() => ChannelListParser.Parse("[{\"type\":\"events\"}]"u8, ChannelType.Events));
    }

    [Theory]
    [InlineData("localhost:50000", "http://localhost:50000/")]
    [InlineData("http://10.0.0.1:50000", "http://10.0.0.1:50000/")]
    [InlineData("https://kubemq.example:443", "https://kubemq.example/")]
    public void Addresses_are_accepted_with_or_without_a_scheme(string address, string expected)
    {
        var options = new KubeMQClientOptions { Address = address };

        Assert.Equal(expected, options.Validate().ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ftp://host:1")]
    [InlineData("not a uri:x")]
    public void Unusable_addresses_are_refused(string address)
    {
        var error = Assert.Throws<KubeMQValidationException>(() => new KubeMQClientOptions { Address = address }.Validate());

        Assert.Equal("KubeMQClientOptions.Address", error.Field);
    }

    [Fact]
    public void Validation_messages_name_the_field_and_the_rule()
    {
        var error = new KubeMQValidationException("QueueMessage.Policy.Delay", "the value must be between 0 and 43200 seconds");

        Assert.Equal("QueueMessage.Policy.Delay is invalid: the value must be between 0 and 43200 seconds.", error.Message);
        Assert.Equal(KubeMQErrorKind.Validation, error.Kind);
    }
}
