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

    /// <summary>Polling bindings have no subscription to register: they are ready once started.</summary>
    public virtual Task WhenSubscribedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What generated dispatch code throws for a wire name the contract does not have.</summary>
    protected Exception UnknownMethod(string method) => new KubeMQUnknownMethodException(Channel, method);

    /// <summary>Marks the span the client opened for the message being handled (if any) as failed.</summary>
    private protected static void MarkCurrentSpanFailed(Exception exception)
    {
        if (System.Diagnostics.Activity.Current is not { } span || span.Source.Name != KubeMQ.Client.KubeMQDiagnostics.ActivitySourceName)
            return;
        span.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Message);
        if (span.IsAllDataRequested)
        {
            span.SetTag("error.type", exception.GetType().FullName);
            span.AddException(exception);
        }
    }

    private protected static async Task StopSubscriptionAsync(KubeMQSubscription? subscription)
    {
        if (subscription is not null)
            await subscription.DisposeAsync().ConfigureAwait(false);
    }
}
