using KubeMQ.Client;
using KubeMQ.Typed.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KubeMQ.Typed.Hosting;

/// <summary>
/// Starts every registered binding when the host starts and stops them, last first, when it stops. Where the server
/// confirms subscriptions, start-up also waits (bounded) until the broker has registered every one, so a message sent
/// right after <c>IHost.StartAsync</c> reaches its responder or handler.
/// </summary>
public sealed partial class KubeMQBindingsHostedService : IHostedService
{
    private readonly IKubeMQBinding[] _bindings;
    private readonly KubeMQClient? _client;
    private readonly KubeMQHostingOptions _options;
    private readonly ILogger _logger;
    private int _started;

    public KubeMQBindingsHostedService(
        IEnumerable<IKubeMQBinding> bindings,
        KubeMQClient? client = null,
        IOptions<KubeMQHostingOptions>? options = null,
        ILogger<KubeMQBindingsHostedService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        _bindings = bindings.ToArray();
        _client = client;
        _options = options?.Value ?? new KubeMQHostingOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (; _started < _bindings.Length; _started++)
            await _bindings[_started].StartAsync(cancellationToken).ConfigureAwait(false);
        if (_started > 0 && _client is not null && _options.SubscriptionConfirmationTimeout > TimeSpan.Zero)
            await WaitForSubscriptionsAsync(_client, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Never fails the host: an unreachable broker or a late confirmation is logged and the subscriptions keep
    /// retrying in the background, as they would after any reconnect.
    /// </summary>
    private async Task WaitForSubscriptionsAsync(KubeMQClient client, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(_options.SubscriptionConfirmationTimeout);
        try
        {
            var server = await client.PingAsync(bound.Token).ConfigureAwait(false);
            if (!server.ConfirmsSubscriptions)
                return;
            await Task.WhenAll(_bindings.Select(b => b.WhenSubscribedAsync(bound.Token))).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is OperationCanceledException or KubeMQException)
        {
            var pending = _bindings.Where(b => !b.WhenSubscribedAsync(CancellationToken.None).IsCompletedSuccessfully).Select(b => b.Channel);
            LogSubscriptionsNotConfirmed(_logger, _options.SubscriptionConfirmationTimeout, string.Join(", ", pending), e.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        List<Exception>? failures = null;
        for (var i = _started - 1; i >= 0; i--)
        {
            try
            {
                await _bindings[i].StopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                (failures ??= []).Add(exception);
            }
        }
        _started = 0;
        if (failures is not null)
            throw new AggregateException("Stopping KubeMQ bindings failed.", failures);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "KubeMQ subscriptions not confirmed within {Timeout} ({Reason}); still pending: {Channels}. They keep retrying in the background.")]
    private static partial void LogSubscriptionsNotConfirmed(ILogger logger, TimeSpan timeout, string channels, string reason);
}
