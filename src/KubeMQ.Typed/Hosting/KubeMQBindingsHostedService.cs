using KubeMQ.Typed.Runtime;
using Microsoft.Extensions.Hosting;

namespace KubeMQ.Typed.Hosting;

/// <summary>Starts every registered binding when the host starts and stops them, last first, when it stops.</summary>
public sealed class KubeMQBindingsHostedService : IHostedService
{
    private readonly IKubeMQBinding[] _bindings;
    private int _started;

    public KubeMQBindingsHostedService(IEnumerable<IKubeMQBinding> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        _bindings = bindings.ToArray();
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (; _started < _bindings.Length; _started++)
            await _bindings[_started].StartAsync(cancellationToken).ConfigureAwait(false);
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
}
