using System.Security.Authentication;
using Grpc.Core;

namespace KubeMQ.Client;

/// <summary>
/// Turns transport failures into the <see cref="KubeMQException"/> family, so that no <see cref="RpcException"/>
/// escapes the client. The same decision also tells subscription loops whether a failure is worth a retry.
/// </summary>
internal static class RpcFailureTranslation
{
    private const string TimeoutErrorPrefix = "Error 301";
    private const string AuthenticationErrorPrefix = "Error 421";

    public static Exception Translate(Exception exception, string operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && exception is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
            return new OperationCanceledException($"{operation} was cancelled.", exception, cancellationToken);
        return exception switch
        {
            KubeMQException => exception,
            RpcException rpc => Translate(rpc, operation),
            ObjectDisposedException => new KubeMQConnectionException($"{operation} failed: the client is disposed.", exception),
            HttpRequestException or IOException => new KubeMQConnectionException($"{operation} failed: the connection to the broker broke ({exception.Message}).", exception),
            OperationCanceledException => new KubeMQConnectionException($"{operation} failed: the call was cancelled by the transport.", exception),
            _ => exception,
        };
    }

    private static KubeMQException Translate(RpcException rpc, string operation)
    {
        var detail = rpc.Status.Detail;
        if (FindTlsFailure(rpc) is { } tls)
            return new KubeMQConnectionException($"{operation} failed: the TLS handshake with the broker failed ({tls.Message}). Check KubeMQTlsOptions: the CA that signed the broker's certificate, and the client certificate for mTLS.", rpc);
        switch (rpc.StatusCode)
        {
            case StatusCode.Unauthenticated:
            case StatusCode.PermissionDenied:
                return new KubeMQAuthenticationException($"{operation} was refused by the broker: {detail}", rpc);
            case StatusCode.DeadlineExceeded:
                return new KubeMQTimeoutException($"{operation} timed out: {detail}", rpc);
            case StatusCode.Unavailable:
                return new KubeMQConnectionException($"{operation} failed: the broker is unavailable ({detail}).", rpc);
            case StatusCode.Cancelled:
                return new KubeMQConnectionException($"{operation} failed: the broker cancelled the call ({detail}).", rpc);
        }

        if (detail.StartsWith(TimeoutErrorPrefix, StringComparison.Ordinal))
            return new KubeMQTimeoutException($"{operation} timed out: {detail}", rpc);
        if (detail.StartsWith(AuthenticationErrorPrefix, StringComparison.Ordinal))
            return new KubeMQAuthenticationException($"{operation} was refused by the broker: {detail}", rpc);
        if (IsKubeMQErrorText(detail))
            return new KubeMQRemoteException($"{operation} failed: {detail}", detail, rpc);
        if (rpc.Status.DebugException is HttpRequestException or IOException || rpc.Status.DebugException?.InnerException is IOException)
            return new KubeMQConnectionException($"{operation} failed: the connection to the broker broke ({detail}).", rpc);
        return new KubeMQRemoteException($"{operation} failed: {rpc.StatusCode}: {detail}", detail, rpc);
    }

    /// <summary>
    /// True when retrying cannot help: the broker refused the credentials or rejected the request itself with a
    /// KubeMQ error text. Everything else (drops, resets, unavailability, server restarts) is worth a reconnect.
    /// </summary>
    public static bool IsPermanent(Exception translated) => translated switch
    {
        KubeMQAuthenticationException or KubeMQValidationException => true,
        KubeMQRemoteException remote => IsKubeMQErrorText(remote.ServerError) && !remote.ServerError.StartsWith("Error 409", StringComparison.Ordinal)
                                        && !remote.ServerError.StartsWith("Error 302", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>KubeMQ errors read "Error NNN: ..." (shared/kubemq-protocol.md section 7).</summary>
    private static bool IsKubeMQErrorText(string detail) =>
        detail.Length > 9 && detail.StartsWith("Error ", StringComparison.Ordinal) && char.IsAsciiDigit(detail[6]) && char.IsAsciiDigit(detail[7]) && char.IsAsciiDigit(detail[8]);

    private static AuthenticationException? FindTlsFailure(RpcException rpc)
    {
        for (var inner = rpc.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException tls)
                return tls;
        }
        return null;
    }
}
