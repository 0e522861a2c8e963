using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Tests.Queues;

/// <summary>A broker plus a raw generated client, and the few message builders every queue test needs.</summary>
internal sealed class QueueTestKit : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel _channel;

    private QueueTestKit(KubeMQBroker broker)
    {
        Broker = broker;
        _channel = GrpcChannel.ForAddress(broker.Address);
        Client = new kubemq.kubemqClient(_channel);
    }

    public KubeMQBroker Broker { get; }

    public kubemq.kubemqClient Client { get; }

    public static async Task<QueueTestKit> StartAsync(KubeMQBrokerOptions? options = null) =>
        new(await KubeMQBroker.StartAsync(options ?? new KubeMQBrokerOptions()));

    public static QueueMessage Message(string channel, string body, QueueMessagePolicy? policy = null) => new()
    {
        ClientID = "test-client",
        Channel = channel,
        Body = ByteString.CopyFromUtf8(body),
        Policy = policy,
    };

    public async Task<SendQueueMessageResult> SendAsync(string channel, string body, QueueMessagePolicy? policy = null)
    {
        var result = await Client.SendQueueMessageAsync(Message(channel, body, policy));
        Assert.False(result.IsError, result.Error);
        return result;
    }

    public async Task SendManyAsync(string channel, params string[] bodies)
    {
        foreach (var body in bodies)
            await SendAsync(channel, body);
    }

    /// <summary>Receives (and acks) exactly <paramref name="count"/> messages; returns as soon as they are there.</summary>
    public async Task<List<QueueMessage>> ReceiveAsync(string channel, int count, bool peek = false, int waitSeconds = 20)
    {
        var response = await Client.ReceiveQueueMessagesAsync(new ReceiveQueueMessagesRequest
        {
            RequestID = Guid.NewGuid().ToString(),
            ClientID = "test-receiver",
            Channel = channel,
            MaxNumberOfMessages = count,
            WaitTimeSeconds = waitSeconds,
            IsPeak = peek,
        });
        Assert.False(response.IsError, response.Error);
        return [.. response.Messages];
    }

    public async Task<QueueInfo?> InfoAsync(string queue)
    {
        var response = await Client.QueuesInfoAsync(new QueuesInfoRequest { RequestID = "info", QueueName = queue });
        return response.Info.Queues.SingleOrDefault(q => q.Name == queue);
    }

    /// <summary>Polls the broker until <paramref name="condition"/> holds, failing after <see cref="Patience"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Patience)
                Assert.Fail($"Timed out waiting until {because}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the wall clock has passed a broker timestamp (Unix ns), e.g. a message's ExpirationAt.</summary>
    public static Task PassedAsync(long unixNanos) =>
        EventuallyAsync(() => Task.FromResult(UnixNanosNow() > unixNanos), $"the clock passes {unixNanos}");

    public static long UnixNanosNow() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static string Text(QueueMessage message) => message.Body.ToStringUtf8();

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await Broker.DisposeAsync();
    }
}

/// <summary>A raw QueuesDownstream call with helpers that read its responses in order.</summary>
internal sealed class DownstreamCall(AsyncDuplexStreamingCall<QueuesDownstreamRequest, QueuesDownstreamResponse> call) : IDisposable
{
    public AsyncDuplexStreamingCall<QueuesDownstreamRequest, QueuesDownstreamResponse> Call { get; } = call;

    public static DownstreamCall Open(kubemq.kubemqClient client) => new(client.QueuesDownstream());

    public Task SendAsync(QueuesDownstreamRequest request) => Call.RequestStream.WriteAsync(request);

    public async Task<QueuesDownstreamResponse> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(QueueTestKit.Patience);
        Assert.True(await Call.ResponseStream.MoveNext(timeout.Token), "the downstream stream ended");
        return Call.ResponseStream.Current;
    }

    public async Task<QueuesDownstreamResponse> GetAsync(string channel, int maxItems, int waitMs = 1000, bool autoAck = false)
    {
        var requestId = Guid.NewGuid().ToString();
        await SendAsync(new QueuesDownstreamRequest
        {
            RequestID = requestId,
            ClientID = "test-consumer",
            RequestTypeData = QueuesDownstreamRequestType.Get,
            Channel = channel,
            MaxItems = maxItems,
            WaitTimeout = waitMs,
            AutoAck = autoAck,
        });
        var response = await ReadAsync();
        Assert.Equal(requestId, response.RefRequestId);
        Assert.False(response.IsError, response.Error);
        return response;
    }

    public Task SettleAsync(QueuesDownstreamRequestType type, string transactionId, IEnumerable<long>? sequences = null, string requeueTo = "")
    {
        var request = new QueuesDownstreamRequest
        {
            RequestID = Guid.NewGuid().ToString(),
            ClientID = "test-consumer",
            RequestTypeData = type,
            RefTransactionId = transactionId,
            ReQueueChannel = requeueTo,
        };
        if (sequences is not null)
            request.SequenceRange.AddRange(sequences);
        return SendAsync(request);
    }

    /// <summary>
    /// Asks for the transaction's status. Requests on one stream are handled in order, so the answer also proves that
    /// every settlement sent before it has been applied.
    /// </summary>
    public async Task<QueuesDownstreamResponse> StatusAsync(string transactionId)
    {
        await SettleAsync(QueuesDownstreamRequestType.TransactionStatus, transactionId);
        return await ReadAsync();
    }

    public void Dispose() => Call.Dispose();
}
