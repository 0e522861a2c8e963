using System.Diagnostics;
using Google.Protobuf;
using Grpc.Net.Client;
using KubeMQ.Broker;
using KubeMQ.Client;
using KubeMQ.Grpc;
using KubeMQ.Observability.Tests.Support;

namespace KubeMQ.Observability.Tests;

/// <summary>
/// The trace context as other SDKs see it on the wire (kubemq-protocol.md section 12), checked with the raw gRPC stubs
/// on one side: traceparent/tracestate in the tags, and on requests also the Span field; a receiver falls back to
/// Span when the tags carry none.
/// </summary>
public sealed class WireTraceContextTests
{
    [Fact]
    public async Task A_query_carries_the_senders_context_in_its_tags_and_in_the_Span_field()
    {
        using var spans = new ExportedSpans();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        using var channel = GrpcChannel.ForAddress(broker.Address);
        var raw = new kubemq.kubemqClient(channel);
        using var limit = new CancellationTokenSource(Seen.Limit);
        using var requests = raw.SubscribeToRequests(new Subscribe
        {
            SubscribeTypeData = Subscribe.Types.SubscribeType.Queries, ClientID = "raw-responder", Channel = "obs.raw.span",
        }, cancellationToken: limit.Token);
        await requests.ResponseHeadersAsync; // the embedded broker confirms the registration with headers
        await using var client = new KubeMQClient(new KubeMQClientOptions { Address = ObservedHost.Address(broker) });

        Task<QueryResponse> sent;
        Activity root;
        using (root = ExportedSpans.TestSource.StartActivity("caller")!)
        {
            root.TraceStateString = "vendor=blue";
            sent = client.SendQueryAsync(new QueryRequest { Channel = "obs.raw.span", Metadata = "m", Body = "1"u8.ToArray() }, limit.Token);
        }
        Assert.True(await requests.ResponseStream.MoveNext(limit.Token));
        var request = requests.ResponseStream.Current;
        await raw.SendResponseAsync(new Response
        {
            RequestID = request.RequestID, ReplyChannel = request.ReplyChannel, ClientID = "raw-responder", Executed = true,
        }, cancellationToken: limit.Token);
        await sent;

        var caller = await spans.WaitForAsync(s => s.TraceId == root.TraceId && s.Kind == ActivityKind.Client, "the client span");
        Assert.Equal(caller.Id, request.Tags["traceparent"]);
        Assert.Equal("vendor=blue", request.Tags["tracestate"]);
        Assert.Equal($"{caller.Id}\nvendor=blue", request.Span.ToStringUtf8());
    }

    [Fact]
    public async Task A_responder_takes_its_parent_from_the_Span_field_when_the_tags_carry_none()
    {
        using var spans = new ExportedSpans();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = new KubeMQClient(new KubeMQClientOptions { Address = ObservedHost.Address(broker) });
        await using var responder = client.SubscribeToQueries(new RequestsSubscription { Channel = "obs.raw.fallback" },
            (_, _) => ValueTask.FromResult(new RequestReply { Body = "ok"u8.ToArray() }));
        using var limit = new CancellationTokenSource(Seen.Limit);
        await responder.WhenActiveAsync(limit.Token);
        using var channel = GrpcChannel.ForAddress(broker.Address);
        var raw = new kubemq.kubemqClient(channel);

        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        var response = await raw.SendRequestAsync(new Request
        {
            RequestID = Guid.NewGuid().ToString("N"), RequestTypeData = Request.Types.RequestType.Query, ClientID = "raw-caller",
            Channel = "obs.raw.fallback", Metadata = "m", Body = ByteString.CopyFromUtf8("1"), Timeout = 10_000,
            Span = ByteString.CopyFromUtf8($"00-{traceId}-{spanId}-01\nvendor=green"),
        }, cancellationToken: limit.Token);

        Assert.True(response.Executed);
        var server = await spans.WaitForAsync(s => s.TraceId == traceId && s.Kind == ActivityKind.Server, "the responder's server span");
        Assert.Equal(spanId, server.ParentSpanId);
        Assert.Equal("vendor=green", server.TraceStateString);
        // The reply carries the responder's context back in the same two places.
        Assert.Equal(server.Id, response.Tags["traceparent"]);
        Assert.Equal($"{server.Id}\nvendor=green", response.Span.ToStringUtf8());
    }
}
