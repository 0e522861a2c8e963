using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using KubeMQ.Grpc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using GrpcEmpty = KubeMQ.Grpc.Empty;

namespace KubeMQ.Client;

/// <summary>
/// The core KubeMQ client: all five patterns (events, events store, commands, queries, queues), channel management
/// and ping over one shared <see cref="GrpcChannel"/>. Thread-safe; create one per broker and share it.
/// Failures surface as <see cref="KubeMQException"/> subclasses; subscriptions come back by themselves after the
/// broker goes away; disposal cancels every subscription and stream the client opened.
/// </summary>
public sealed partial class KubeMQClient : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<IAsyncDisposable, byte> _openResources = new();
    private readonly ConnectionMonitor _monitor;
    private readonly QueuePollStreams _pollStreams;
    private int _disposed;

    /// <summary>Validates <paramref name="options"/> and creates the channel; no connection is made until the first call.</summary>
    public KubeMQClient(KubeMQClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = options.Validate();
        Options = options;
        ClientId = options.ClientId;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("KubeMQ.Client");
        _channel = BrokerChannelFactory.Create(address, options);
        Grpc = new kubemq.kubemqClient(_channel);
        Calls = new CallOptionsSource(options);
        _monitor = new ConnectionMonitor(options.Reconnect, ProbeAsync, Logger, ClientId, _lifetime.Token);
        _pollStreams = new QueuePollStreams(this);
        ClientLog.ClientCreated(Logger, ClientId, address);
    }

    public KubeMQClientOptions Options { get; }

    public string ClientId { get; }

    /// <summary>The client's view of the connection; see <see cref="StateChanged"/>.</summary>
    public KubeMQConnectionState State => _monitor.State;

    /// <summary>Raised when <see cref="State"/> changes (on the thread that noticed the change).</summary>
    public event EventHandler<KubeMQConnectionState>? StateChanged
    {
        add => _monitor.StateChanged += value;
        remove => _monitor.StateChanged -= value;
    }

    internal kubemq.kubemqClient Grpc { get; }

    internal CallOptionsSource Calls { get; }

    internal ILogger Logger { get; }

    /// <summary>Cancelled when the client is disposed: every loop the client runs is linked to it.</summary>
    internal CancellationToken Lifetime => _lifetime.Token;

    /// <summary>Asks the broker who it is; also a cheap way to check that it is reachable and accepts the credentials.</summary>
    public async Task<ServerInfo> PingAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        try
        {
            var options = await Calls.CreateAsync(DateTime.UtcNow + Options.DefaultRequestTimeout, cancellationToken).ConfigureAwait(false);
            using var call = Grpc.PingAsync(PingRequest, options);
            // Headers precede the response on the wire, so this costs no extra round trip.
            var headers = await call.ResponseHeadersAsync.ConfigureAwait(false);
            var result = await call.ResponseAsync.ConfigureAwait(false);
            _monitor.ReportReachable();
            return new ServerInfo
            {
                Host = result.Host,
                Version = result.Version,
                StartedAt = DateTimeOffset.FromUnixTimeSeconds(result.ServerStartTime),
                UpTime = TimeSpan.FromSeconds(result.ServerUpTimeSeconds),
                ConfirmsSubscriptions = ServerCapabilities.ConfirmsSubscriptions(headers),
            };
        }
        catch (Exception e)
        {
            throw Fail(e, "Ping", cancellationToken);
        }
    }

    private static readonly GrpcEmpty PingRequest = new();

    private Task ProbeAsync(CancellationToken cancellationToken) => PingAsync(cancellationToken);

    /// <summary>Runs one unary call with the client's metadata, translating every failure into the KubeMQ exceptions.</summary>
    internal async Task<TResponse> UnaryAsync<TRequest, TResponse>(TRequest request,
        Func<kubemq.kubemqClient, TRequest, CallOptions, AsyncUnaryCall<TResponse>> invoke, string operation, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        try
        {
            var options = await Calls.CreateAsync(timeout is { } t ? DateTime.UtcNow + t : null, cancellationToken).ConfigureAwait(false);
            using var call = invoke(Grpc, request, options);
            var response = await call.ResponseAsync.ConfigureAwait(false);
            _monitor.ReportReachable();
            return response;
        }
        catch (Exception e)
        {
            throw Fail(e, operation, cancellationToken);
        }
    }

    /// <summary>Translates a failure and lets the connection monitor know about connection losses.</summary>
    internal Exception Fail(Exception exception, string operation, CancellationToken cancellationToken)
    {
        var translated = RpcFailureTranslation.Translate(exception, operation, cancellationToken);
        if (translated is KubeMQException kubemq)
            _monitor.ReportFailure(kubemq);
        return translated;
    }

    internal void ReportReachable() => _monitor.ReportReachable();

    internal void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
            throw new ObjectDisposedException(nameof(KubeMQClient));
    }

    /// <summary>Tracks a subscription or stream so that disposing the client disposes it.</summary>
    internal void Track(IAsyncDisposable resource) => _openResources.TryAdd(resource, 0);

    internal void Untrack(IAsyncDisposable resource) => _openResources.TryRemove(resource, out _);

    /// <summary>Cancels every subscription (their enumerables complete), closes every stream, then the channel.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _monitor.MarkDisposed();
        await _lifetime.CancelAsync().ConfigureAwait(false);
        foreach (var resource in _openResources.Keys)
        {
            try
            {
                await resource.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Disposal is best effort: one broken stream must not keep the others open.
            }
        }
        _openResources.Clear();
        await _pollStreams.DisposeAsync().ConfigureAwait(false);
        _channel.Dispose();
        // _lifetime is not disposed: loops that are still unwinding may read its token.
    }
}
