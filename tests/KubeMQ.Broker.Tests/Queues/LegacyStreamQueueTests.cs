using Grpc.Core;
using KubeMQ.Grpc;
using static KubeMQ.Broker.Tests.Queues.QueueTestKit;

namespace KubeMQ.Broker.Tests.Queues;

public sealed class LegacyStreamQueueTests
{
    private const string InvalidQueueName = "Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot";

    private sealed class LegacyCall(AsyncDuplexStreamingCall<StreamQueueMessagesRequest, StreamQueueMessagesResponse> call) : IDisposable
    {
        public async Task<StreamQueueMessagesResponse> AskAsync(StreamRequestType type, Action<StreamQueueMessagesRequest>? fill = null)
        {
            var request = new StreamQueueMessagesRequest { RequestID = Guid.NewGuid().ToString(), ClientID = "legacy", StreamRequestTypeData = type };
            fill?.Invoke(request);
            await call.RequestStream.WriteAsync(request);
            var response = await ReadAsync();
            Assert.Equal(request.RequestID, response.RequestID);
            Assert.Equal(type, response.StreamRequestTypeData);
            return response;
        }

        public async Task<StreamQueueMessagesResponse> ReadAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the stream ended");
            return call.ResponseStream.Current;
        }

        public async Task<bool> EndedAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            return !await call.ResponseStream.MoveNext(timeout.Token);
        }

        public Task<StreamQueueMessagesResponse> ReceiveAsync(string channel, int visibilitySeconds = 30, int waitSeconds = 10) =>
            AskAsync(StreamRequestType.ReceiveMessage, r =>
            {
                r.Channel = channel;
                r.VisibilitySeconds = visibilitySeconds;
                r.WaitTimeSeconds = waitSeconds;
            });

        public void Dispose() => call.Dispose();
    }

    private static LegacyCall Open(QueueTestKit kit) => new(kit.Client.StreamQueueMessage());

    [Fact]
    public async Task Received_message_acked_with_its_sequence_is_removed_and_the_stream_ends()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("legacy.ack", "work");
        using var stream = Open(kit);

        var received = await stream.ReceiveAsync("legacy.ack");
        var ack = await stream.AskAsync(StreamRequestType.AckMessage, r => r.RefSequence = received.Message.Attributes.Sequence);

        Assert.False(received.IsError, received.Error);
        Assert.Equal("work", Text(received.Message));
        Assert.Equal(1, received.Message.Attributes.ReceiveCount);
        Assert.False(ack.IsError, ack.Error);
        Assert.True(await stream.EndedAsync());
        Assert.Equal(0, (await kit.InfoAsync("legacy.ack"))!.Messages);
    }

    [Fact]
    public async Task Ack_without_a_message_or_with_a_wrong_sequence_is_refused()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("legacy.badack", "work");
        using var stream = Open(kit);

        var early = await stream.AskAsync(StreamRequestType.AckMessage, r => r.RefSequence = 1);
        var received = await stream.ReceiveAsync("legacy.badack");
        var wrong = await stream.AskAsync(StreamRequestType.AckMessage, r => r.RefSequence = received.Message.Attributes.Sequence + 1);
        var zero = await stream.AskAsync(StreamRequestType.AckMessage, r => r.RefSequence = 0);
        var right = await stream.AskAsync(StreamRequestType.AckMessage, r => r.RefSequence = received.Message.Attributes.Sequence);

        Assert.Equal("Error 124: no active message to ack", early.Error);
        Assert.Equal("Error 125: ack sequence cannot be 0 or negative", wrong.Error);
        Assert.Equal("Error 125: ack sequence cannot be 0 or negative", zero.Error);
        Assert.False(right.IsError, right.Error);
    }

    [Fact]
    public async Task Receive_on_an_empty_queue_reports_138_and_ends()
    {
        await using var kit = await StartAsync();
        using var stream = Open(kit);

        var response = await stream.ReceiveAsync("legacy.empty", waitSeconds: 1);

        Assert.True(response.IsError);
        Assert.Equal("Error 138: no new message in queue, wait time expired", response.Error);
        Assert.True(await stream.EndedAsync());
    }

    [Fact]
    public async Task Second_receive_on_one_stream_is_refused()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("legacy.twice", "1", "2");
        using var stream = Open(kit);

        await stream.ReceiveAsync("legacy.twice");
        var second = await stream.ReceiveAsync("legacy.twice");

        Assert.Equal("Error 128: subscription to queue is already active", second.Error);
    }

    [Fact]
    public async Task Rejected_message_is_redelivered_with_a_higher_sequence_and_receive_count()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("legacy.reject", "work");
        using (var stream = Open(kit))
        {
            var received = await stream.ReceiveAsync("legacy.reject");
            var reject = await stream.AskAsync(StreamRequestType.RejectMessage, r => r.RefSequence = received.Message.Attributes.Sequence);
            Assert.False(reject.IsError, reject.Error);
            Assert.True(await stream.EndedAsync());
        }

        var again = Assert.Single(await kit.ReceiveAsync("legacy.reject", 1));
        Assert.Equal("work", Text(again));
        Assert.Equal(2ul, again.Attributes.Sequence);
        Assert.Equal(2, again.Attributes.ReceiveCount);
    }

    [Fact]
    public async Task Visibility_expiry_reports_129_ends_the_stream_and_returns_the_message()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("legacy.visibility", "work");
        using var stream = Open(kit);

        var received = await stream.ReceiveAsync("legacy.visibility", visibilitySeconds: 1);
        var expiry = await stream.ReadAsync();

        Assert.False(received.IsError, received.Error);
        Assert.True(expiry.IsError);
        Assert.Equal("Error 129: current visibility timer expired", expiry.Error);
        Assert.True(await stream.EndedAsync());
        var again = Assert.Single(await kit.ReceiveAsync("legacy.visibility", 1));
        Assert.Equal(2, again.Attributes.ReceiveCount);
    }

    [Fact]
    public async Task Modified_visibility_keeps_the_message_past_the_first_timer()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("legacy.modify", "work");
        using var stream = Open(kit);

        var received = await stream.ReceiveAsync("legacy.modify", visibilitySeconds: 1);
        var extended = await stream.AskAsync(StreamRequestType.ModifyVisibility, r => r.VisibilitySeconds = 60);
        await PassedAsync(UnixNanosNow() + 1_500_000_000);
        var ack = await stream.AskAsync(StreamRequestType.AckMessage, r => r.RefSequence = received.Message.Attributes.Sequence);

        Assert.False(extended.IsError, extended.Error);
        Assert.False(ack.IsError, ack.Error);
    }

    [Fact]
    public async Task Client_disconnect_while_holding_a_message_returns_it()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("legacy.drop", "work");
        using (var stream = Open(kit))
        {
            var received = await stream.ReceiveAsync("legacy.drop");
            Assert.Equal("work", Text(received.Message));
        }

        var again = Assert.Single(await kit.ReceiveAsync("legacy.drop", 1));
        Assert.Equal("work", Text(again));
        Assert.Equal(2, again.Attributes.ReceiveCount);
    }

    [Fact]
    public async Task Resend_moves_a_copy_to_another_queue_and_acks_the_original()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("legacy.resend.from", "work");
        using var stream = Open(kit);

        await stream.ReceiveAsync("legacy.resend.from");
        var resend = await stream.AskAsync(StreamRequestType.ResendMessage, r => r.Channel = "legacy.resend.to");

        Assert.False(resend.IsError, resend.Error);
        Assert.True(await stream.EndedAsync());
        var moved = Assert.Single(await kit.ReceiveAsync("legacy.resend.to", 1));
        Assert.Equal("work", Text(moved));
        Assert.Equal(1, moved.Attributes.ReceiveCount);
        Assert.False(moved.Attributes.ReRouted);
        Assert.Equal(0, (await kit.InfoAsync("legacy.resend.from"))!.Messages);
    }

    [Fact]
    public async Task Send_modified_message_sends_the_new_message_and_acks_the_original()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("legacy.modified", "old");
        using var stream = Open(kit);

        await stream.ReceiveAsync("legacy.modified");
        var missing = await stream.AskAsync(StreamRequestType.SendModifiedMessage);
        var sent = await stream.AskAsync(StreamRequestType.SendModifiedMessage, r => r.ModifiedMessage = Message("legacy.modified.out", "new"));

        Assert.Equal("Error 131: invalid queue message", missing.Error);
        Assert.False(sent.IsError, sent.Error);
        Assert.Equal("new", Text(Assert.Single(await kit.ReceiveAsync("legacy.modified.out", 1))));
        Assert.Equal(0, (await kit.InfoAsync("legacy.modified"))!.Messages);
    }

    [Fact]
    public async Task Settling_without_a_message_names_what_is_missing()
    {
        await using var kit = await StartAsync();
        using var stream = Open(kit);

        var reject = await stream.AskAsync(StreamRequestType.RejectMessage, r => r.RefSequence = 1);
        var resend = await stream.AskAsync(StreamRequestType.ResendMessage, r => r.Channel = "x");
        var modified = await stream.AskAsync(StreamRequestType.SendModifiedMessage, r => r.ModifiedMessage = Message("x", "y"));
        var unknown = await stream.AskAsync(StreamRequestType.Unknown);
        var noClient = await stream.AskAsync(StreamRequestType.ReceiveMessage, r => { r.ClientID = ""; r.Channel = "x"; });

        Assert.Equal("Error 137: no active message to reject", reject.Error);
        Assert.Equal("Error 126: no active message to send", resend.Error);
        Assert.Equal("Error 124: no active message to ack", modified.Error);
        Assert.Equal("Error 132: invalid stream queue messages request type", unknown.Error);
        Assert.Equal("Error 101: invalid clientID value, cannot be empty", noClient.Error);
    }

    [Theory]
    [InlineData("legacy.v", 43201, 1, "Error 127: invalid visibility time, cannot be negative or exceed setting in kubemq config")]
    [InlineData("legacy.v", -1, 1, "Error 127: invalid visibility time, cannot be negative or exceed setting in kubemq config")]
    [InlineData("legacy.v", 10, 3601, "Error 136: invalid wait timeout, value cannot be negative or exceed max wait timeout seconds setting in kubemq config")]
    [InlineData("legacy v", 10, 1, InvalidQueueName)]
    public async Task Invalid_receive_parameters_are_refused(string channel, int visibility, int wait, string expectedError)
    {
        await using var kit = await StartAsync();
        using var stream = Open(kit);
        var response = await stream.ReceiveAsync(channel, visibility, wait);
        Assert.True(response.IsError);
        Assert.Equal(expectedError, response.Error);
    }
}
