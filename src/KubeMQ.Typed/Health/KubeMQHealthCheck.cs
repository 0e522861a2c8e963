using KubeMQ.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KubeMQ.Typed;

/// <summary>
/// Healthy when the broker answers a Ping with the client's credentials; unhealthy (the registration's failure
/// status) when the client is disposed or the ping fails. The data say the connection state and who answered.
/// </summary>
public sealed class KubeMQHealthCheck(KubeMQClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.Registration.FailureStatus;
        var state = client.State;
        if (state == KubeMQConnectionState.Disposed)
            return new HealthCheckResult(failure, "The KubeMQ client is disposed.", data: Data(state, null));
        try
        {
            var server = await client.PingAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"KubeMQ {server.Version} at {server.Host} answered.", Data(client.State, server));
        }
        catch (ObjectDisposedException e)
        {
            return new HealthCheckResult(failure, "The KubeMQ client is disposed.", e, Data(KubeMQConnectionState.Disposed, null));
        }
        catch (KubeMQException e)
        {
            return new HealthCheckResult(failure, $"KubeMQ did not answer a ping ({e.Kind}): {e.Message}", e, Data(client.State, null));
        }
    }

    private static Dictionary<string, object> Data(KubeMQConnectionState state, ServerInfo? server)
    {
        var data = new Dictionary<string, object> { ["state"] = state.ToString() };
        if (server is not null)
        {
            data["host"] = server.Host;
            data["version"] = server.Version;
            data["uptime"] = server.UpTime;
        }
        return data;
    }
}
