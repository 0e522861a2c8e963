using Google.Protobuf;
using Grpc.Core;
using KubeMQ.Grpc;

namespace KubeMQ.Benchmarks.Ceiling;

/// <summary>
/// The raw-gRPC ceiling: the same service contract as the broker with no broker logic behind it. A unary request
/// is answered at once with a body of the same size; every event on the stream is acknowledged with a Result.
/// </summary>
internal sealed class NoOpKubeMQService : kubemq.kubemqBase
{
    public override Task<Response> SendRequest(Request request, ServerCallContext context) => Task.FromResult(new Response
    {
        RequestID = request.RequestID,
        ClientID = request.ClientID,
        Executed = true,
        Body = request.Body,
        Metadata = request.Metadata,
    });

    public override async Task SendEventsStream(IAsyncStreamReader<Event> requestStream, IServerStreamWriter<Result> responseStream, ServerCallContext context)
    {
        await foreach (var received in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            await responseStream.WriteAsync(new Result { EventID = received.EventID, Sent = true }).ConfigureAwait(false);
    }

    public override Task<PingResult> Ping(Empty request, ServerCallContext context) => Task.FromResult(new PingResult { Version = "ceiling" });

    internal static ByteString Payload(int size) => UnsafeByteOperations.UnsafeWrap(new byte[size]);
}
