using Microsoft.Extensions.Logging;

namespace KubeMQ.Client;

/// <summary>How a <see cref="KubeMQClient"/> connects and behaves. Validated when the client is created.</summary>
public sealed class KubeMQClientOptions
{
    /// <summary>The broker: <c>http://host:port</c>, <c>https://host:port</c>, or <c>host:port</c> (https when <see cref="Tls"/> is set).</summary>
    public string Address { get; set; } = "http://localhost:50000";

    /// <summary>Identifies this client to the broker on every message and subscription.</summary>
    public string ClientId { get; set; } = CreateDefaultClientId();

    /// <summary>A fixed token sent as the raw <c>authorization</c> metadata on every call.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Asked for the token before every call (for tokens that rotate); wins over <see cref="AuthToken"/>.</summary>
    public Func<CancellationToken, ValueTask<string>>? AuthTokenProvider { get; set; }

    /// <summary>TLS settings; null means plain HTTP/2 unless the address says https.</summary>
    public KubeMQTlsOptions? Tls { get; set; }

    /// <summary>Timeout of commands and queries that do not set their own.</summary>
    public TimeSpan DefaultRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long establishing a TCP (and TLS) connection may take before a call fails with a connection error.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How subscriptions and streams come back after the broker goes away.</summary>
    public KubeMQReconnectPolicy Reconnect { get; set; } = new();

    /// <summary>HTTP/2 keepalive ping interval on an idle connection; <see cref="Timeout.InfiniteTimeSpan"/> turns pings off.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a keepalive ping may go unanswered before the connection is considered dead.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an unused pooled connection is kept open.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest message the client sends, in bytes (100 MiB as KubeMQ).</summary>
    public int MaxSendMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>Largest message the client accepts, in bytes (100 MiB as KubeMQ).</summary>
    public int MaxReceiveMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>Number of long-lived QueuesDownstream streams polls are spread over (a pending poll occupies one).</summary>
    public int MaxQueuePollStreams { get; set; } = 4;

    /// <summary>Where connection state changes, reconnect attempts and handler failures are logged. Bodies are never logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// The HTTP handler the client's one gRPC channel sends through, for a custom transport (a corporate proxy, an
    /// in-memory handler in tests and benchmarks). Null uses the client's own <see cref="System.Net.Http.SocketsHttpHandler"/>,
    /// which applies <see cref="ConnectTimeout"/>, keepalive and <see cref="Tls"/>; with a custom handler those are the
    /// handler's business. The client disposes it.
    /// </summary>
    public System.Net.Http.HttpMessageHandler? HttpHandler { get; set; }

    private static string CreateDefaultClientId() =>
        $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Checks every setting as creating a client would, so bad configuration is refused at start-up.
    /// </summary>
    /// <exception cref="KubeMQValidationException">Names the first bad setting (e.g. <c>KubeMQClientOptions.Address</c>) and the rule.</exception>
    public void EnsureValid() => Validate();

    internal Uri Validate()
    {
        if (string.IsNullOrWhiteSpace(Address))
            throw new KubeMQValidationException("KubeMQClientOptions.Address", "the address must not be empty");
        if (string.IsNullOrWhiteSpace(ClientId))
            throw new KubeMQValidationException("KubeMQClientOptions.ClientId", "the client id must not be empty");
        if (DefaultRequestTimeout <= TimeSpan.Zero || DefaultRequestTimeout.TotalMilliseconds > int.MaxValue)
            throw new KubeMQValidationException("KubeMQClientOptions.DefaultRequestTimeout", "the timeout must be greater than zero and fit in int32 milliseconds");
        if (ConnectTimeout <= TimeSpan.Zero)
            throw new KubeMQValidationException("KubeMQClientOptions.ConnectTimeout", "the connect timeout must be greater than zero");
        if (KeepAliveInterval != Timeout.InfiniteTimeSpan && KeepAliveInterval <= TimeSpan.Zero)
            throw new KubeMQValidationException("KubeMQClientOptions.KeepAliveInterval", "the interval must be greater than zero or Timeout.InfiniteTimeSpan");
        if (KeepAliveTimeout <= TimeSpan.Zero)
            throw new KubeMQValidationException("KubeMQClientOptions.KeepAliveTimeout", "the timeout must be greater than zero");
        if (MaxSendMessageSize <= 0)
            throw new KubeMQValidationException("KubeMQClientOptions.MaxSendMessageSize", "the size must be greater than zero");
        if (MaxReceiveMessageSize <= 0)
            throw new KubeMQValidationException("KubeMQClientOptions.MaxReceiveMessageSize", "the size must be greater than zero");
        if (MaxQueuePollStreams <= 0)
            throw new KubeMQValidationException("KubeMQClientOptions.MaxQueuePollStreams", "at least one stream is needed");
        (Reconnect ?? throw new KubeMQValidationException("KubeMQClientOptions.Reconnect", "a reconnect policy is required")).Validate();
        Tls?.Validate();

        var text = Address.Contains("://", StringComparison.Ordinal) ? Address : (Tls is null ? "http://" : "https://") + Address;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new KubeMQValidationException("KubeMQClientOptions.Address", $"'{Address}' must be http://host:port, https://host:port or host:port");
        if (Tls is not null && uri.Scheme == Uri.UriSchemeHttp)
            throw new KubeMQValidationException("KubeMQClientOptions.Address", "an http:// address cannot be used with TLS options; use https:// or host:port");
        return uri;
    }
}
