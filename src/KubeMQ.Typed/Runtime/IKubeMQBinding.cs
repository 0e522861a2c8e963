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
}
