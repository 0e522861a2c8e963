using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Tests;

public sealed class AuthTests
{
    private const string Token = "s3cret-token";

    private static Metadata Authorization(string token) => new() { { "authorization", token } };

    private static Event AnEvent() => new() { ClientID = "c", Channel = "ch", Body = ByteString.CopyFromUtf8("x") };

    [Fact]
    public async Task The_configured_token_is_accepted_on_unary_and_streaming_calls()
    {
        await using var kit = await BrokerClient.StartAsync(new KubeMQBrokerOptions { AuthToken = Token });

        var ping = await kit.Client.PingAsync(new Empty(), Authorization(Token));
        var sent = await kit.Client.SendEventAsync(AnEvent(), Authorization(Token));
        using var subscription = kit.Client.SubscribeToEvents(new Subscribe { SubscribeTypeData = Subscribe.Types.SubscribeType.Events, ClientID = "c", Channel = "ch" }, Authorization(Token));
        await Eventually.HoldsAsync(() => kit.Engines.Events.SubscriberCount == 1, "the authenticated subscription is registered");

        Assert.StartsWith("3.", ping.Version, StringComparison.Ordinal);
        Assert.True(sent.Sent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData("Bearer s3cret-token")]
    public async Task A_missing_or_different_token_fails_unauthenticated_on_every_call_ping_included(string? token)
    {
        await using var kit = await BrokerClient.StartAsync(new KubeMQBrokerOptions { AuthToken = Token });
        var headers = token is null ? new Metadata() : Authorization(token);

        var ping = await Assert.ThrowsAsync<RpcException>(() => kit.Client.PingAsync(new Empty(), headers).ResponseAsync);
        var send = await Assert.ThrowsAsync<RpcException>(() => kit.Client.SendEventAsync(AnEvent(), headers).ResponseAsync);
        using var subscription = kit.Client.SubscribeToEvents(new Subscribe { SubscribeTypeData = Subscribe.Types.SubscribeType.Events, ClientID = "c", Channel = "ch" }, headers);
        var subscribe = await Assert.ThrowsAsync<RpcException>(() => subscription.ResponseStream.NextAsync());
        using var stream = kit.Client.SendEventsStream(headers);
        var streamed = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.NextAsync());

        foreach (var error in new[] { ping, send, subscribe, streamed })
        {
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
            Assert.Equal("Error 421: authentication verification failed", error.Status.Detail);
        }
        Assert.Equal(0, kit.Engines.Events.SubscriberCount);
    }

    [Fact]
    public async Task Without_a_configured_token_every_call_is_accepted_whatever_it_carries()
    {
        await using var kit = await BrokerClient.StartAsync();

        var bare = await kit.Client.PingAsync(new Empty());
        var withToken = await kit.Client.PingAsync(new Empty(), Authorization("anything"));

        Assert.False(string.IsNullOrEmpty(bare.Version));
        Assert.Equal(bare.Version, withToken.Version);
    }

    [Fact]
    public async Task A_client_interceptor_style_token_on_every_call_works_end_to_end()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions { AuthToken = Token });
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", Token);
            return Task.CompletedTask;
        });
        using var channel = GrpcChannel.ForAddress(broker.Address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });

        var ping = await new kubemq.kubemqClient(channel).PingAsync(new Empty());

        Assert.False(string.IsNullOrEmpty(ping.Version));
    }
}
