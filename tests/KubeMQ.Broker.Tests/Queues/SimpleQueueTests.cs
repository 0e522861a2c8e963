using Google.Protobuf;
using Grpc.Core;
using KubeMQ.Grpc;
using static KubeMQ.Broker.Tests.Queues.QueueTestKit;

namespace KubeMQ.Broker.Tests.Queues;

public sealed class SimpleQueueTests
{
    [Fact]
    public async Task Send_sets_server_attributes_over_client_supplied_ones()
    {
        await using var kit = await StartAsync();
        var message = Message("q.attrs", "hello");
        message.Attributes = new QueueMessageAttributes { Sequence = 99, ReceiveCount = 7, Timestamp = 1, ReRouted = true, DelayedTo = 5, ExpirationAt = 5 };
        var before = UnixNanosNow();

        var result = await kit.Client.SendQueueMessageAsync(message);
        var received = Assert.Single(await kit.ReceiveAsync("q.attrs", 1));

        Assert.False(result.IsError);
        Assert.InRange(result.SentAt, before - 1_000_000_000, UnixNanosNow());
        Assert.Equal(0, result.ExpirationAt);
        Assert.Equal(0, result.DelayedTo);
        Assert.Equal(1ul, received.Attributes.Sequence);
        Assert.Equal(1, received.Attributes.ReceiveCount);
        Assert.False(received.Attributes.ReRouted);
        Assert.Equal(0, received.Attributes.ExpirationAt);
        Assert.Equal(0, received.Attributes.DelayedTo);
        Assert.InRange(received.Attributes.Timestamp, result.SentAt, UnixNanosNow());
        Assert.Equal(result.MessageID, received.MessageID);
        Assert.Equal("hello", Text(received));
    }

    [Fact]
    public async Task Sequences_count_from_1_per_queue()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("q.seq.a", "a1", "a2", "a3");
        await kit.SendManyAsync("q.seq.b", "b1");

        var a = await kit.ReceiveAsync("q.seq.a", 3);
        var b = await kit.ReceiveAsync("q.seq.b", 1);

        Assert.Equal([1ul, 2ul, 3ul], a.Select(m => m.Attributes.Sequence));
        Assert.Equal(["a1", "a2", "a3"], a.Select(Text));
        Assert.Equal(1ul, Assert.Single(b).Attributes.Sequence);
    }

    [Fact]
    public async Task Empty_message_id_is_generated_and_a_given_one_is_kept()
    {
        await using var kit = await StartAsync();
        var generated = await kit.SendAsync("q.ids", "x");
        var given = Message("q.ids", "y");
        given.MessageID = "mine";
        var kept = await kit.Client.SendQueueMessageAsync(given);

        Assert.False(string.IsNullOrEmpty(generated.MessageID));
        Assert.Equal("mine", kept.MessageID);
    }

    public static TheoryData<string, string> InvalidSends => new()
    {
        { "no-client", "Error 101: invalid clientID value, cannot be empty" },
        { "empty-channel", "Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot" },
        { "space-channel", "Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot" },
        { "star-channel", "Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot" },
        { "gt-channel", "Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot" },
        { "dot-channel", "Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot" },
        { "empty-body", "Error 110: invalid message, cannot be empty" },
        { "expiration-too-long", "Error 133: invalid expiration seconds, exceed max expiration seconds setting in kubemq config" },
        { "expiration-negative", "Error 133: invalid expiration seconds, exceed max expiration seconds setting in kubemq config" },
        { "receive-count-too-high", "Error 134: invalid max received count, cannot be negative or exceed max receive count setting in kubemq config" },
        { "receive-count-negative", "Error 134: invalid max received count, cannot be negative or exceed max receive count setting in kubemq config" },
        { "delay-too-long", "Error 135: invalid delay seconds, exceed max delay seconds setting in kubemq config" },
        { "bad-dead-letter-queue", "Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot" },
    };

    [Theory]
    [MemberData(nameof(InvalidSends))]
    public async Task Invalid_send_is_reported_in_band_with_the_exact_text(string flaw, string expectedError)
    {
        await using var kit = await StartAsync();
        var message = Message("q.valid", "body");
        switch (flaw)
        {
            case "no-client": message.ClientID = ""; break;
            case "empty-channel": message.Channel = ""; break;
            case "space-channel": message.Channel = "q valid"; break;
            case "star-channel": message.Channel = "q.*"; break;
            case "gt-channel": message.Channel = "q.>"; break;
            case "dot-channel": message.Channel = "q.valid."; break;
            case "empty-body": message.Body = ByteString.Empty; break;
            case "expiration-too-long": message.Policy = new QueueMessagePolicy { ExpirationSeconds = 43201 }; break;
            case "expiration-negative": message.Policy = new QueueMessagePolicy { ExpirationSeconds = -1 }; break;
            case "receive-count-too-high": message.Policy = new QueueMessagePolicy { MaxReceiveCount = 1025 }; break;
            case "receive-count-negative": message.Policy = new QueueMessagePolicy { MaxReceiveCount = -1 }; break;
            case "delay-too-long": message.Policy = new QueueMessagePolicy { DelaySeconds = 43201 }; break;
            case "bad-dead-letter-queue": message.Policy = new QueueMessagePolicy { MaxReceiveQueue = "dead letters" }; break;
        }

        var result = await kit.Client.SendQueueMessageAsync(message);

        Assert.True(result.IsError);
        Assert.Equal(expectedError, result.Error);
        Assert.Equal(0, (await kit.InfoAsync("q.valid"))?.Messages ?? 0);
    }

    [Fact]
    public async Task Message_with_only_metadata_is_accepted()
    {
        await using var kit = await StartAsync();
        var message = Message("q.meta", "");
        message.Metadata = "just metadata";
        var result = await kit.Client.SendQueueMessageAsync(message);
        Assert.False(result.IsError, result.Error);
    }

    [Fact]
    public async Task Batch_answers_each_message_in_request_order_and_reports_validation_errors_only_per_message()
    {
        await using var kit = await StartAsync();
        var request = new QueueMessagesBatchRequest { BatchID = "batch-1" };
        request.Messages.Add(Message("q.batch.a", "first"));
        request.Messages.Add(Message("q.batch.a", ""));
        request.Messages.Add(Message("q.batch.b", "third"));
        request.Messages[0].MessageID = "m1";
        request.Messages[1].MessageID = "m2";
        request.Messages[2].MessageID = "m3";

        var response = await kit.Client.SendQueueMessagesBatchAsync(request);

        Assert.Equal("batch-1", response.BatchID);
        Assert.False(response.HaveErrors);
        Assert.Equal(["m1", "m2", "m3"], response.Results.Select(r => r.MessageID));
        Assert.Equal([false, true, false], response.Results.Select(r => r.IsError));
        Assert.Equal("Error 110: invalid message, cannot be empty", response.Results[1].Error);
        Assert.Equal("first", Text(Assert.Single(await kit.ReceiveAsync("q.batch.a", 1))));
        Assert.Equal("third", Text(Assert.Single(await kit.ReceiveAsync("q.batch.b", 1))));
    }

    [Fact]
    public async Task Send_during_shutdown_fails_with_error_409()
    {
        await using var kit = await StartAsync();
        kit.Broker.Runtime.BeginShutdown();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await kit.Client.SendQueueMessageAsync(Message("q.shutdown", "x")));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("Error 409: server is in shutdown mode", error.Status.Detail);
    }

    [Fact]
    public async Task Empty_batch_fails_with_a_grpc_unknown_error()
    {
        await using var kit = await StartAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await kit.Client.SendQueueMessagesBatchAsync(new QueueMessagesBatchRequest { BatchID = "empty" }));
        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("empty messages batch", error.Status.Detail);
    }

    [Fact]
    public async Task Receive_removes_the_messages_it_returns()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("q.recv", "1", "2", "3");

        var first = await kit.ReceiveAsync("q.recv", 2);
        var rest = await kit.ReceiveAsync("q.recv", 1);

        Assert.Equal(["1", "2"], first.Select(Text));
        Assert.Equal(["3"], rest.Select(Text));
        Assert.All(first, m => Assert.Equal(1, m.Attributes.ReceiveCount));
        Assert.Equal(0, (await kit.InfoAsync("q.recv"))!.Messages);
    }

    [Fact]
    public async Task Peek_returns_messages_without_removing_them_and_echoes_the_peek_flag()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("q.peek", "1", "2");

        var response = await kit.Client.ReceiveQueueMessagesAsync(new ReceiveQueueMessagesRequest
        {
            RequestID = "peek-1", ClientID = "c", Channel = "q.peek", MaxNumberOfMessages = 2, WaitTimeSeconds = 10, IsPeak = true,
        });
        var afterwards = await kit.ReceiveAsync("q.peek", 2);

        Assert.True(response.IsPeak);
        Assert.Equal("peek-1", response.RequestID);
        Assert.Equal(2, response.MessagesReceived);
        Assert.Equal(["1", "2"], response.Messages.Select(Text));
        Assert.Equal(["1", "2"], afterwards.Select(Text));
        Assert.Equal(response.Messages.Select(m => m.Attributes.Sequence), afterwards.Select(m => m.Attributes.Sequence));
    }

    [Fact]
    public async Task Receive_with_fewer_messages_than_asked_returns_what_it_has_after_the_wait()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("q.partial", "1", "2");

        var response = await kit.Client.ReceiveQueueMessagesAsync(new ReceiveQueueMessagesRequest
        {
            RequestID = "r", ClientID = "c", Channel = "q.partial", MaxNumberOfMessages = 10, WaitTimeSeconds = 1,
        });

        Assert.False(response.IsError);
        Assert.False(response.IsPeak);
        Assert.Equal(2, response.MessagesReceived);
        Assert.Equal(["1", "2"], response.Messages.Select(Text));
    }

    [Fact]
    public async Task Receive_waits_for_a_message_sent_during_the_wait()
    {
        await using var kit = await StartAsync();
        var receiving = kit.ReceiveAsync("q.late", 1);
        await EventuallyAsync(async () => (await kit.InfoAsync("q.late"))?.Subscribers == 1, "the receiver waits");
        await kit.SendAsync("q.late", "late");

        Assert.Equal("late", Text(Assert.Single(await receiving)));
    }

    [Fact]
    public async Task Receive_empty_queue_returns_no_messages_and_no_error()
    {
        await using var kit = await StartAsync();
        var response = await kit.Client.ReceiveQueueMessagesAsync(new ReceiveQueueMessagesRequest
        {
            RequestID = "r", ClientID = "c", Channel = "q.none", MaxNumberOfMessages = 1, WaitTimeSeconds = 0,
        });
        Assert.False(response.IsError);
        Assert.Empty(response.Messages);
        Assert.Equal(0, response.MessagesReceived);
    }

    [Theory]
    [InlineData("", "q.r", 1, 1, "Error 101: invalid clientID value, cannot be empty")]
    [InlineData("c", "", 1, 1, "Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot")]
    [InlineData("c", "q.r", 0, 1, "Error 122: max messages should be between 1 and max message setting in kubemq config  ")]
    [InlineData("c", "q.r", 1025, 1, "Error 122: max messages should be between 1 and max message setting in kubemq config  ")]
    [InlineData("c", "q.r", 1, -1, "Error 136: invalid wait timeout, value cannot be negative or exceed max wait timeout seconds setting in kubemq config")]
    [InlineData("c", "q.r", 1, 3601, "Error 136: invalid wait timeout, value cannot be negative or exceed max wait timeout seconds setting in kubemq config")]
    public async Task Invalid_receive_is_reported_in_band(string clientId, string channel, int max, int wait, string expectedError)
    {
        await using var kit = await StartAsync();
        var response = await kit.Client.ReceiveQueueMessagesAsync(new ReceiveQueueMessagesRequest
        {
            RequestID = "bad", ClientID = clientId, Channel = channel, MaxNumberOfMessages = max, WaitTimeSeconds = wait,
        });
        Assert.True(response.IsError);
        Assert.Equal(expectedError, response.Error);
        Assert.Equal("bad", response.RequestID);
    }

    [Fact]
    public async Task Ack_all_removes_every_available_message_and_counts_them()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("q.purge", "1", "2", "3");

        var response = await kit.Client.AckAllQueueMessagesAsync(new AckAllQueueMessagesRequest
        {
            RequestID = "purge", ClientID = "c", Channel = "q.purge", WaitTimeSeconds = 1,
        });

        Assert.False(response.IsError, response.Error);
        Assert.Equal("purge", response.RequestID);
        Assert.Equal(3ul, response.AffectedMessages);
        var info = await kit.InfoAsync("q.purge");
        Assert.Equal(0, info!.Messages);
        Assert.Equal(0, info.Bytes);
    }

    [Theory]
    [InlineData("", "q.p", 1, "Error 101: invalid clientID value, cannot be empty")]
    [InlineData("c", "q p", 1, "Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot")]
    [InlineData("c", "q.p", 3601, "Error 136: invalid wait timeout, value cannot be negative or exceed max wait timeout seconds setting in kubemq config")]
    public async Task Invalid_ack_all_is_reported_in_band(string clientId, string channel, int wait, string expectedError)
    {
        await using var kit = await StartAsync();
        var response = await kit.Client.AckAllQueueMessagesAsync(new AckAllQueueMessagesRequest
        {
            RequestID = "r", ClientID = clientId, Channel = channel, WaitTimeSeconds = wait,
        });
        Assert.True(response.IsError);
        Assert.Equal(expectedError, response.Error);
    }
}
