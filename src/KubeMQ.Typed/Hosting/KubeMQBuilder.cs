using Microsoft.Extensions.DependencyInjection;

namespace KubeMQ.Typed;

/// <summary>
/// Returned by <see cref="KubeMQServiceCollectionExtensions.AddKubeMQ"/>; the generator adds per-contract
/// registration methods to it (<c>.AddProductQueriesClient()</c>, <c>.AddProductQueriesResponder&lt;T&gt;()</c>, ...).
/// </summary>
public sealed class KubeMQBuilder
{
    internal KubeMQBuilder(IServiceCollection services)
    {
        Services = services;
    }

    public IServiceCollection Services { get; }

    /// <summary>Configures how the typed bindings start with the host (e.g. the subscription confirmation bound).</summary>
    public KubeMQBuilder ConfigureHosting(Action<KubeMQHostingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddOptions<KubeMQHostingOptions>().Configure(configure);
        return this;
    }
}
