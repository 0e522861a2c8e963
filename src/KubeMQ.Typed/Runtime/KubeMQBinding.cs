using System.ComponentModel;
using KubeMQ.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeMQ.Typed.Runtime;

/// <summary>
/// What every generated binding shares: the client, a scope per message (so handlers may depend on scoped services),
/// and logging. Subclasses differ in how messages arrive and how outcomes are reported.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class KubeMQBinding : IKubeMQBinding
{
    private protected KubeMQBinding(IServiceProvider services, string channel, KubeMQPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(channel);
        Client = services.GetRequiredService<KubeMQClient>();
        ScopeFactory = services.GetRequiredService<IServiceScopeFactory>();
        Logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("KubeMQ.Typed.Binding");
        Channel = channel;
        Pattern = pattern;
    }

    public string Channel { get; }

    public KubeMQPattern Pattern { get; }

    private protected KubeMQClient Client { get; }

    private protected IServiceScopeFactory ScopeFactory { get; }

    private protected ILogger Logger { get; }

    public abstract Task StartAsync(CancellationToken cancellationToken);

    public abstract Task StopAsync(CancellationToken cancellationToken);

    /// <summary>What generated dispatch code throws for a wire name the contract does not have.</summary>
    protected Exception UnknownMethod(string method) => new KubeMQUnknownMethodException(Channel, method);

    /// <summary>
    /// Waits until the broker accepted the subscription, so that a started host really receives: without this a
    /// message sent right after startup could reach the broker before the subscriber does.
    /// </summary>
    private protected static async Task WaitUntilActiveAsync(KubeMQSubscription subscription, CancellationToken cancellationToken)
    {
        var active = subscription.WhenActiveAsync(cancellationToken);
        if (await Task.WhenAny(active, subscription.Completion).ConfigureAwait(false) == subscription.Completion)
        {
            await subscription.Completion.ConfigureAwait(false);
            throw new InvalidOperationException($"The subscription to '{subscription.Channel}' ended before the broker accepted it.");
        }
        await active.ConfigureAwait(false);
    }

    private protected static async Task StopSubscriptionAsync(KubeMQSubscription? subscription)
    {
        if (subscription is not null)
            await subscription.DisposeAsync().ConfigureAwait(false);
    }
}
