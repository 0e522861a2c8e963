using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

public sealed class HttpHandlerTests
{
    [Fact]
    public async Task A_custom_http_handler_carries_every_call_of_the_client()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        var counting = new CountingHandler(new SocketsHttpHandler());
        await using var client = new KubeMQClient(new KubeMQClientOptions
        {
            Address = broker.Address.GetLeftPart(UriPartial.Authority),
            HttpHandler = counting,
        });

        await client.PingAsync();
        await client.SendEventAsync(new EventMessage { Channel = TestClient.Channel("handler"), Body = TestClient.Utf8("x") });

        Assert.True(counting.Requests >= 2, $"the handler saw {counting.Requests} requests");
        Assert.Contains("/kubemq.kubemq/Ping", counting.Paths);
        Assert.Contains("/kubemq.kubemq/SendEvent", counting.Paths);
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public System.Collections.Concurrent.ConcurrentBag<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            Paths.Add(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
