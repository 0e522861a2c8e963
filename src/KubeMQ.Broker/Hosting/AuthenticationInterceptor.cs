using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using KubeMQ.Broker.Validation;

namespace KubeMQ.Broker.Hosting;

/// <summary>
/// With a token configured, every call (Ping included) must carry it verbatim in the <c>authorization</c> metadata,
/// as the official SDKs send it (no "Bearer " prefix). Without a token every call is accepted.
/// </summary>
internal sealed class AuthenticationInterceptor(BrokerRuntime runtime) : Interceptor
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(runtime.Options.AuthToken) ? null : Encoding.UTF8.GetBytes(runtime.Options.AuthToken);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        if (_expected is null)
            return;
        var presented = context.RequestHeaders.GetValue("authorization");
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected))
            throw new RpcException(new Status(StatusCode.Unauthenticated, BrokerErrors.AuthenticationFailed));
    }
}
