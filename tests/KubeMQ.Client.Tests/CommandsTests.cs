using System.Collections.Concurrent;
using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

public sealed class CommandsTests
{
    [Fact]
    public async Task An_executed_command_returns_the_responders_reply_and_the_handler_sees_the_request()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("commands");
        var seen = new ConcurrentQueue<RequestReceived>();
        await using var responder = client.SubscribeToCommands(new RequestsSubscription { Channel = channel }, (request, ct) =>
        {
            seen.Enqueue(request);
            return ValueTask.FromResult(new RequestReply { Tags = new Dictionary<string, string> { ["handled-by"] = "test" } });
        });
        await Responder.UntilCommandsAnsweredAsync(client, channel);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var response = await client.SendCommandAsync(new CommandRequest
        {
            Channel = channel,
            Id = "cmd-1",
            Body = TestClient.Utf8("do it"),
            Metadata = "meta",
            Tags = new Dictionary<string, string> { ["k"] = "v" },
            Timeout = TimeSpan.FromSeconds(5),
        });

        Assert.True(response.Executed);
        Assert.Null(response.Error);
        Assert.Equal("cmd-1", response.RequestId);
        Assert.Equal("test", response.Tags["handled-by"]);
        Assert.InRange(response.Timestamp, before, DateTimeOffset.UtcNow.AddSeconds(5));
        var request = seen.Single(r => r.Id == "cmd-1");
        Assert.Equal(RequestKind.Command, request.Kind);
        Assert.Equal("do it", TestClient.Text(request.Body));
        Assert.Equal("meta", request.Metadata);
        Assert.Equal("v", request.Tags["k"]);
        Assert.Equal(TimeSpan.FromSeconds(5), request.Timeout);
        Assert.Equal(client.ClientId, request.ClientId);
    }

    [Fact]
    public async Task A_throwing_handler_answers_not_executed_with_the_error_text_and_keeps_serving()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("commands");
        await using var responder = client.SubscribeToCommands(new RequestsSubscription { Channel = channel }, (request, ct) =>
            request.Metadata == "fail" ? throw new InvalidOperationException("disk is full") : ValueTask.FromResult(RequestReply.Success));
        await Responder.UntilCommandsAnsweredAsync(client, channel);

        var failed = await client.SendCommandAsync(new CommandRequest { Channel = channel, Metadata = "fail" });
        var next = await client.SendCommandAsync(new CommandRequest { Channel = channel, Metadata = "ok" });

        Assert.False(failed.Executed);
        Assert.Equal("disk is full", failed.Error);
        Assert.True(next.Executed);
        Assert.False(responder.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_failed_reply_reaches_the_sender_as_not_executed()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("commands");
        await using var responder = client.SubscribeToCommands(new RequestsSubscription { Channel = channel }, (request, ct) =>
            ValueTask.FromResult(Responder.IsProbe(request) ? RequestReply.Success : RequestReply.Failed("refused: out of stock")));
        await Responder.UntilCommandsAnsweredAsync(client, channel);

        var response = await client.SendCommandAsync(new CommandRequest { Channel = channel, Metadata = "order" });

        Assert.False(response.Executed);
        Assert.Equal("refused: out of stock", response.Error);
    }

    [Fact]
    public async Task A_command_nobody_answers_fails_with_a_timeout_exception()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);

        var error = await Assert.ThrowsAsync<KubeMQTimeoutException>(() =>
            client.SendCommandAsync(new CommandRequest { Channel = TestClient.Channel("nobody"), Metadata = "m", Timeout = TimeSpan.FromMilliseconds(200) }));

        Assert.Equal(KubeMQErrorKind.Timeout, error.Kind);
        Assert.Contains("Error 301", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_handlers_token_fires_when_the_request_deadline_passes()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("commands");
        var cancelledAtDeadline = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var responder = client.SubscribeToCommands(new RequestsSubscription { Channel = channel }, async (request, ct) =>
        {
            if (Responder.IsProbe(request))
                return RequestReply.Success;
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelledAtDeadline.TrySetResult();
                throw;
            }
            return RequestReply.Success;
        });
        await Responder.UntilCommandsAnsweredAsync(client, channel);

        await Assert.ThrowsAsync<KubeMQTimeoutException>(() =>
            client.SendCommandAsync(new CommandRequest { Channel = channel, Metadata = "slow", Timeout = TimeSpan.FromMilliseconds(300) }));

        await Eventually.WithinAsync(cancelledAtDeadline.Task, "the handler's token to fire");
    }

    [Fact]
    public async Task A_group_of_responders_handles_each_command_once()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("commands");
        var handled = new ConcurrentBag<(int Member, string Id)>();
        RequestReply Handle(int member, RequestReceived request)
        {
            if (!Responder.IsProbe(request))
                handled.Add((member, request.Id));
            return RequestReply.Success;
        }
        await using var first = client.SubscribeToCommands(new RequestsSubscription { Channel = channel, Group = "g" }, (r, _) => ValueTask.FromResult(Handle(1, r)));
        await using var second = client.SubscribeToCommands(new RequestsSubscription { Channel = channel, Group = "g" }, (r, _) => ValueTask.FromResult(Handle(2, r)));
        await Responder.UntilCommandsAnsweredAsync(client, channel);
        await Eventually.RetryUntilAsync(() => client.SendCommandAsync(new CommandRequest { Channel = channel, Metadata = Responder.ProbeMetadata, Timeout = TimeSpan.FromMilliseconds(500) }),
            () => first.Activations > 0 && second.Activations > 0, "both members have received a request");

        for (var i = 0; i < 10; i++)
            Assert.True((await client.SendCommandAsync(new CommandRequest { Channel = channel, Id = $"c-{i}", Metadata = "real" })).Executed);

        Assert.Equal(10, handled.Count);
        Assert.Equal(10, handled.Select(h => h.Id).Distinct().Count());
        Assert.Equal(2, handled.Select(h => h.Member).Distinct().Count());
    }

    [Fact]
    public async Task Timeouts_that_are_not_positive_are_refused_before_sending()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);

        var zero = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.SendCommandAsync(new CommandRequest { Channel = "c", Metadata = "m", Timeout = TimeSpan.Zero }));
        var negative = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.SendQueryAsync(new QueryRequest { Channel = "c", Metadata = "m", Timeout = TimeSpan.FromSeconds(-1) }));

        Assert.Equal("CommandRequest.Timeout", zero.Field);
        Assert.Equal("QueryRequest.Timeout", negative.Field);
        Assert.Contains("greater than zero", zero.Rule, StringComparison.Ordinal);
    }
}
