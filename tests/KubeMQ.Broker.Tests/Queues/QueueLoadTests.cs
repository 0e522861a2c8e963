using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Net.Client;
using KubeMQ.Grpc;
using Xunit.Abstractions;
using RequestType = KubeMQ.Grpc.QueuesDownstreamRequestType;

namespace KubeMQ.Broker.Tests.Queues;

/// <summary>
/// Runs alone (after the parallel tests): it measures process-wide GC memory, which concurrent tests would distort,
/// and it needs the two cores for itself to stay well inside its time bound.
/// </summary>
[CollectionDefinition(nameof(QueueLoadTests), DisableParallelization = true)]
public sealed class QueueLoadCollection;

[Collection(nameof(QueueLoadTests))]
public sealed class QueueLoadTests(ITestOutputHelper output)
{
    private const int Total = 20_000;
    private const int Producers = 4;
    private const int Consumers = 4;
    private const int BatchSize = 50;
    private const int BodySize = 2048;
    private const string Queue = "load.jobs";
    private const string DeadLetters = "load.jobs.dead";

    /// <summary>What the consumers did, shared between them; every field is updated atomically.</summary>
    private sealed class Ledger
    {
        public int[] Acked { get; } = new int[Total];

        public int[] DeadLettered { get; } = new int[Total];

        /// <summary>Who holds each message right now; a second holder is a violation of "one consumer at a time".</summary>
        public ConcurrentDictionary<int, int> Holders { get; } = new();

        public int DoubleHolds;

        public int Drops;

        public int Nacks;
    }

    [Fact]
    public async Task Competing_transactional_consumers_settle_every_message_exactly_once_and_release_the_memory()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        // Producers and consumers on separate connections, as separate applications would be.
        using var producerChannel = GrpcChannel.ForAddress(broker.Address);
        using var consumerChannel = GrpcChannel.ForAddress(broker.Address);
        var producerClient = new kubemq.kubemqClient(producerChannel);
        var consumerClient = new kubemq.kubemqClient(consumerChannel);
        await WarmUpAsync(producerClient, consumerClient);
        var baseline = SettledMemory();

        var ledger = new Ledger();
        var producersDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() => ProduceAsync(producerClient, p))).ToArray();
        var consumers = Enumerable.Range(0, Consumers).Select(c => Task.Run(() => ConsumeAsync(consumerClient, c, ledger, producersDone.Task))).ToArray();
        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(60));
        producersDone.SetResult();
        await Task.WhenAll(consumers).WaitAsync(TimeSpan.FromSeconds(90));
        await DrainDeadLettersAsync(consumerClient, ledger);

        Assert.Equal(0, ledger.DoubleHolds);
        var unsettled = Enumerable.Range(0, Total).Where(i => ledger.Acked[i] + ledger.DeadLettered[i] != 1).ToList();
        Assert.True(unsettled.Count == 0,
            $"{unsettled.Count} messages were not settled exactly once, e.g. #{unsettled.FirstOrDefault()}: " +
            $"acked {ledger.Acked[unsettled.FirstOrDefault()]}, dead-lettered {ledger.DeadLettered[unsettled.FirstOrDefault()]}");
        Assert.True(ledger.Drops > 0 && ledger.Nacks > 0, "the consumers must have exercised drops and nacks");
        foreach (var name in new[] { Queue, DeadLetters })
        {
            var info = (await consumerClient.QueuesInfoAsync(new QueuesInfoRequest { QueueName = name })).Info.Queues.Single();
            Assert.Equal(0, info.Messages);
            Assert.Equal(0, info.Bytes);
        }
        output.WriteLine($"drops {ledger.Drops}, nacks {ledger.Nacks}, dead-lettered {ledger.DeadLettered.Sum()}");
        // The payload alone was over 40 MB (pools of gRPC and Kestrel keep a few MB); anything retaining the messages would show far above this bound.
        var retained = SettledMemory() - baseline;
        output.WriteLine($"retained after drain: {retained / 1024} KB");
        Assert.True(retained < 24 * 1024 * 1024, $"{retained / 1024 / 1024} MB retained after the queue drained");
    }

    private static async Task ProduceAsync(kubemq.kubemqClient client, int producer)
    {
        var padding = new string('x', BodySize);
        var policy = new QueueMessagePolicy { MaxReceiveCount = 4, MaxReceiveQueue = DeadLetters };
        for (var start = producer; start < Total; start += Producers * BatchSize)
        {
            var batch = new QueueMessagesBatchRequest { BatchID = $"p{producer}-{start}" };
            for (var id = start; id < Math.Min(Total, start + Producers * BatchSize); id += Producers)
            {
                batch.Messages.Add(new QueueMessage
                {
                    ClientID = $"producer-{producer}",
                    Channel = Queue,
                    Body = ByteString.CopyFromUtf8($"{id}:{padding}"),
                    Policy = policy,
                });
            }
            var response = await client.SendQueueMessagesBatchAsync(batch);
            Assert.All(response.Results, r => Assert.False(r.IsError, r.Error));
        }
    }

    private static async Task ConsumeAsync(kubemq.kubemqClient client, int consumer, Ledger ledger, Task producersDone)
    {
        var random = new Random(20261204 + consumer);
        while (true)
        {
            using var stream = DownstreamCall.Open(client);
            while (true)
            {
                var get = await stream.GetAsync(Queue, maxItems: random.Next(1, 100), waitMs: 1000);
                if (get.Messages.Count == 0)
                {
                    if (producersDone.IsCompleted && await StoredAsync(client, Queue) == 0)
                        return;
                    continue;
                }
                var held = get.Messages.Select(m => (Id: IdOf(m), Sequence: (long)m.Attributes.Sequence)).ToList();
                foreach (var (id, _) in held)
                {
                    if (!ledger.Holders.TryAdd(id, consumer))
                        Interlocked.Increment(ref ledger.DoubleHolds);
                }
                // While holding, ask the broker what this transaction holds: it must agree, and the round trip keeps
                // the messages held long enough for a second delivery to overlap and be caught.
                await stream.SettleAsync(RequestType.ActiveOffsets, get.TransactionId);
                var offsets = await stream.ReadAsync();
                Assert.False(offsets.IsError, offsets.Error);
                Assert.Equal(held.Select(h => h.Sequence).Order(), offsets.ActiveOffsets.Order());
                // Holders are released before the broker may hand the messages to someone else.
                foreach (var (id, _) in held)
                    ledger.Holders.TryRemove(id, out _);

                var roll = random.NextDouble();
                if (roll < 0.05)
                {
                    Interlocked.Increment(ref ledger.Drops);
                    break;
                }
                if (roll < 0.20)
                {
                    Interlocked.Increment(ref ledger.Nacks);
                    await stream.SettleAsync(RequestType.NackAll, get.TransactionId);
                }
                else if (roll < 0.30 && held.Count > 1)
                {
                    var half = held.Take(held.Count / 2).ToList();
                    foreach (var (id, _) in half)
                        Interlocked.Increment(ref ledger.Acked[id]);
                    await stream.SettleAsync(RequestType.AckRange, get.TransactionId, half.Select(h => h.Sequence));
                    Interlocked.Increment(ref ledger.Nacks);
                    await stream.SettleAsync(RequestType.NackAll, get.TransactionId);
                }
                else
                {
                    foreach (var (id, _) in held)
                        Interlocked.Increment(ref ledger.Acked[id]);
                    await stream.SettleAsync(RequestType.AckAll, get.TransactionId);
                }
            }
        }
    }

    private static async Task DrainDeadLettersAsync(kubemq.kubemqClient client, Ledger ledger)
    {
        long stored;
        while ((stored = await StoredAsync(client, DeadLetters)) > 0)
        {
            var response = await client.ReceiveQueueMessagesAsync(new ReceiveQueueMessagesRequest
            {
                ClientID = "drain", Channel = DeadLetters, MaxNumberOfMessages = (int)Math.Min(stored, 1024), WaitTimeSeconds = 10,
            });
            Assert.False(response.IsError, response.Error);
            foreach (var message in response.Messages)
            {
                Assert.True(message.Attributes.ReRouted);
                Interlocked.Increment(ref ledger.DeadLettered[IdOf(message)]);
            }
        }
    }

    private static async Task<long> StoredAsync(kubemq.kubemqClient client, string queue)
    {
        var info = await client.QueuesInfoAsync(new QueuesInfoRequest { QueueName = queue });
        return info.Info.Queues.SingleOrDefault()?.Messages ?? 0;
    }

    private static int IdOf(QueueMessage message)
    {
        var text = message.Body.Span;
        var id = 0;
        foreach (var b in text)
        {
            if (b == (byte)':')
                return id;
            id = id * 10 + (b - '0');
        }
        throw new InvalidOperationException("message body without an id");
    }

    private static async Task WarmUpAsync(kubemq.kubemqClient producer, kubemq.kubemqClient consumer)
    {
        await producer.SendQueueMessageAsync(new QueueMessage { ClientID = "warm", Channel = "load.warmup", Body = ByteString.CopyFromUtf8("w") });
        using var stream = DownstreamCall.Open(consumer);
        var get = await stream.GetAsync("load.warmup", maxItems: 1, autoAck: true);
        Assert.Single(get.Messages);
    }

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
