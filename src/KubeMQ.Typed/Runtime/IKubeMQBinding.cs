using System.ComponentModel;

namespace KubeMQ.Typed.Runtime;

/// <summary>
/// A running receiver of one contract (responder, events handler or queue consumer), started and stopped with the
/// host by <see cref="Hosting.KubeMQBindingsHostedService"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IKubeMQBinding
{
    /// <summary>The contract's channel, for logs and diagnostics.</summary>
    string Channel { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Completes once the broker has registered the binding's subscription (at once for bindings that poll). Only
    /// servers that confirm subscriptions (<see cref="KubeMQ.Client.ServerInfo.ConfirmsSubscriptions"/>) ever
    /// complete it before the first message, so the host awaits it only there.
    /// </summary>
    Task WhenSubscribedAsync(CancellationToken cancellationToken);
}
