using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

public sealed class SecurityTests
{
    private const string Token = "s3cret-token";

    [Fact]
    public async Task The_right_token_is_accepted_on_unary_calls_and_subscriptions()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions { AuthToken = Token });
        await using var client = TestClient.For(broker, o => o.AuthToken = Token);
        var channel = TestClient.Channel("auth");
        var received = new Collector<EventReceived>();
        await using var subscription = client.SubscribeToEvents(new EventsSubscription { Channel = channel }, received.Add);

        await client.PingAsync();
        await Probe.UntilReceivedAsync(client, channel, () => received.Count > 0, "the authenticated subscription receives");
        await using var upstream = await client.CreateQueueUpstreamAsync();
        var sent = await upstream.SendAsync([new QueueMessage { Channel = channel, Metadata = "m" }]);
        await using var polled = await client.PollQueueAsync(new QueuePollRequest { Channel = channel, WaitTimeout = TimeSpan.FromSeconds(10) });

        Assert.True(subscription.IsActive);
        Assert.False(Assert.Single(sent).IsError);
        Assert.Equal("m", Assert.Single(polled.Messages).Metadata);
    }

    [Fact]
    public async Task A_missing_or_wrong_token_is_refused_with_an_authentication_exception_on_calls_and_subscriptions()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions { AuthToken = Token });
        await using var anonymous = TestClient.For(broker);
        await using var wrong = TestClient.For(broker, o => o.AuthToken = "not-it");

        var ping = await Assert.ThrowsAsync<KubeMQAuthenticationException>(() => anonymous.PingAsync());
        var send = await Assert.ThrowsAsync<KubeMQAuthenticationException>(() => wrong.SendEventAsync(new EventMessage { Channel = "c", Metadata = "m" }));
        var subscription = wrong.SubscribeToEventsStore(new EventsStoreSubscription { Channel = "c", StartPosition = EventsStoreStartPosition.FromFirst }, (_, _) => ValueTask.CompletedTask);
        var stopped = await Assert.ThrowsAsync<KubeMQAuthenticationException>(() => Eventually.WithinAsync(subscription.Completion, "the refused subscription to stop"));

        await Assert.ThrowsAsync<KubeMQAuthenticationException>(() => wrong.PollQueueAsync(new QueuePollRequest { Channel = "q", WaitTimeout = TimeSpan.FromSeconds(1) }));
        Assert.Contains("Error 421", ping.Message, StringComparison.Ordinal);
        Assert.Equal(KubeMQErrorKind.Authentication, send.Kind);
        Assert.Contains("Error 421", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_provider_is_asked_for_the_token_of_every_call()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions { AuthToken = Token });
        var asked = 0;
        await using var client = TestClient.For(broker, o => o.AuthTokenProvider = _ =>
        {
            Interlocked.Increment(ref asked);
            return ValueTask.FromResult(Token);
        });

        await client.PingAsync();
        var channel = TestClient.Channel("auth");
        await client.SendEventStoreAsync(new EventMessage { Channel = channel, Metadata = "m" });
        await client.SendQueueMessageAsync(new QueueMessage { Channel = TestClient.Channel("auth"), Metadata = "m" });
        Assert.Equal(3, Volatile.Read(ref asked));

        // Streams carry it too: a subscription opened with the provided token is accepted and replays the event.
        using var limit = new CancellationTokenSource(Eventually.DefaultLimit);
        await using var replay = client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.FromFirst }, limit.Token)
            .GetAsyncEnumerator(limit.Token);
        Assert.True(await replay.MoveNextAsync());
        Assert.Equal(4, Volatile.Read(ref asked));
    }

    [Fact]
    public async Task Tls_with_a_custom_ca_connects_to_the_broker()
    {
        using var pki = new TestCertificates();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions { TlsCertificatePath = pki.ServerCertificatePath, TlsKeyPath = pki.ServerKeyPath });
        await using var client = TestClient.For(broker, o =>
        {
            o.Address = $"127.0.0.1:{broker.Address.Port}";
            o.Tls = new KubeMQTlsOptions { CaCertificatePath = pki.CaPath };
        });

        var info = await client.PingAsync();
        var stored = await client.SendEventStoreAsync(new EventMessage { Channel = TestClient.Channel("tls"), Metadata = "m" });

        Assert.StartsWith("3.", info.Version, StringComparison.Ordinal);
        Assert.True(stored.Sent);
    }

    [Fact]
    public async Task A_broker_certificate_from_another_ca_is_refused_with_a_clear_connection_exception()
    {
        using var brokerPki = new TestCertificates();
        using var otherPki = new TestCertificates();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions { TlsCertificatePath = brokerPki.ServerCertificatePath, TlsKeyPath = brokerPki.ServerKeyPath });
        await using var client = TestClient.For(broker, o => o.Tls = new KubeMQTlsOptions { CaCertificatePath = otherPki.CaPath });

        var error = await Assert.ThrowsAsync<KubeMQConnectionException>(() => client.PingAsync());

        Assert.Contains("TLS handshake", error.Message, StringComparison.Ordinal);
        Assert.Contains("CA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mutual_tls_accepts_a_client_certificate_from_the_trusted_ca_and_refuses_a_client_without_one()
    {
        using var pki = new TestCertificates();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions
        {
            TlsCertificatePath = pki.ServerCertificatePath, TlsKeyPath = pki.ServerKeyPath, ClientCaCertificatePath = pki.CaPath,
        });
        await using var withCertificate = TestClient.For(broker, o => o.Tls = new KubeMQTlsOptions
        {
            CaCertificatePath = pki.CaPath, ClientCertificatePath = pki.ClientCertificatePath, ClientKeyPath = pki.ClientKeyPath,
        });
        await using var withoutCertificate = TestClient.For(broker, o => o.Tls = new KubeMQTlsOptions { CaCertificatePath = pki.CaPath });

        var info = await withCertificate.PingAsync();
        var error = await Assert.ThrowsAsync<KubeMQConnectionException>(() => withoutCertificate.PingAsync());

        Assert.StartsWith("3.", info.Version, StringComparison.Ordinal);
        Assert.Equal(KubeMQErrorKind.Connection, error.Kind);
    }

    [Fact]
    public void Tls_options_are_validated_when_the_client_is_created()
    {
        var missingKey = Assert.Throws<KubeMQValidationException>(() => new KubeMQClient(new KubeMQClientOptions
        {
            Tls = new KubeMQTlsOptions { ClientCertificatePath = "client.pem" },
        }));
        var missingFile = Assert.Throws<KubeMQValidationException>(() => new KubeMQClient(new KubeMQClientOptions
        {
            Tls = new KubeMQTlsOptions { CaCertificatePath = "/nonexistent/ca.pem" },
        }));
        var plainHttp = Assert.Throws<KubeMQValidationException>(() => new KubeMQClient(new KubeMQClientOptions
        {
            Address = "http://localhost:50000", Tls = new KubeMQTlsOptions(),
        }));

        Assert.Equal("KubeMQTlsOptions.ClientCertificatePath", missingKey.Field);
        Assert.Equal("KubeMQTlsOptions.CaCertificatePath", missingFile.Field);
        Assert.Equal("KubeMQClientOptions.Address", plainHttp.Field);
    }
}
