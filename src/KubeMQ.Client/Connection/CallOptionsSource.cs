using Grpc.Core;

namespace KubeMQ.Client;

/// <summary>
/// Produces the <see cref="CallOptions"/> of every call, unary and streaming alike, with the auth token in the
/// <c>authorization</c> metadata as the raw token (no "Bearer " prefix), as every KubeMQ SDK sends it.
/// A fixed token is put in one shared, never-mutated <see cref="Metadata"/>, so the hot path allocates nothing.
/// </summary>
internal sealed class CallOptionsSource
{
    private const string AuthorizationKey = "authorization";
    private readonly Metadata? _fixedHeaders;
    private readonly Func<CancellationToken, ValueTask<string>>? _tokenProvider;

    public CallOptionsSource(KubeMQClientOptions options)
    {
        _tokenProvider = options.AuthTokenProvider;
        if (_tokenProvider is null && !string.IsNullOrEmpty(options.AuthToken))
            _fixedHeaders = new Metadata { { AuthorizationKey, options.AuthToken } };
    }

    public ValueTask<CallOptions> CreateAsync(DateTime? deadline, CancellationToken cancellationToken) =>
        _tokenProvider is null
            ? new ValueTask<CallOptions>(new CallOptions(_fixedHeaders, deadline, cancellationToken))
            : CreateWithProvidedTokenAsync(deadline, cancellationToken);

    private async ValueTask<CallOptions> CreateWithProvidedTokenAsync(DateTime? deadline, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await _tokenProvider!(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new KubeMQAuthenticationException($"KubeMQClientOptions.AuthTokenProvider failed: {e.Message}", e);
        }
        var headers = string.IsNullOrEmpty(token) ? null : new Metadata { { AuthorizationKey, token } };
        return new CallOptions(headers, deadline, cancellationToken);
    }
}
