using KubeMQ.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KubeMQ.Typed;

public static class KubeMQHealthCheckExtensions
{
    /// <summary>
    /// Adds <see cref="KubeMQHealthCheck"/> for the shared <see cref="KubeMQClient"/> to the health checks; a
    /// <c>timeout</c> bounds the ping (by default the health check service's own limit applies).
    /// </summary>
    public static IHealthChecksBuilder AddKubeMQ(this IHealthChecksBuilder builder, string name = "kubemq",
        HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name,
            static provider => new KubeMQHealthCheck(provider.GetRequiredService<KubeMQClient>()), failureStatus, tags, timeout));
    }

    /// <summary>Registers the health checks service (if not yet) with a KubeMQ check named <paramref name="name"/>.</summary>
    public static KubeMQBuilder AddKubeMQHealthCheck(this KubeMQBuilder builder, string name = "kubemq",
        HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddKubeMQ(name, failureStatus, tags, timeout);
        return builder;
    }
}
