using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace KubeMQ.Benchmarks.Micro;

/// <summary>
/// An HTTP/2 transport that never touches the network: it reads the request body (which runs the client's protobuf
/// serialization, as a socket would) and answers with a pre-encoded gRPC frame and an OK status trailer. It costs the
/// same for both sides of a comparison, so what differs is the code above the transport.
/// </summary>
internal sealed class CannedGrpcHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");
    private readonly Dictionary<string, byte[]> _framesByPath;
    private readonly bool _yield;

    /// <param name="replies">Reply message by gRPC method name (e.g. "SendRequest").</param>
    /// <param name="yield">Completes every call asynchronously, so that calls started together are all in flight at once.</param>
    public CannedGrpcHandler(IReadOnlyDictionary<string, IMessage> replies, bool yield = false)
    {
        _framesByPath = replies.ToDictionary(r => "/kubemq.kubemq/" + r.Key, r => Frame(r.Value), StringComparer.Ordinal);
        _yield = yield;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        if (_yield)
            await Task.Yield();
        var path = request.RequestUri!.AbsolutePath;
        if (!_framesByPath.TryGetValue(path, out var frame))
            throw new InvalidOperationException($"No canned reply for {path}.");
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Version = HttpVersion.Version20,
            RequestMessage = request,
            Content = new ByteArrayContent(frame),
        };
        response.Content.Headers.ContentType = GrpcContentType;
        response.TrailingHeaders.Add("grpc-status", "0");
        return response;
    }

    /// <summary>A gRPC length-prefixed message: no compression flag, 4-byte big-endian length, the protobuf bytes.</summary>
    private static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }
}
