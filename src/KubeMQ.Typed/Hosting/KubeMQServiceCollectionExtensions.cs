using KubeMQ.Client;
using KubeMQ.Typed.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMQ.Typed;

public static class KubeMQServiceCollectionExtensions
{
    /// <summary>
    /// Registers one shared <see cref="KubeMQClient"/> (configured by <paramref name="configure"/>, logging through
    /// the container's <see cref="ILoggerFactory"/> unless the options name one) and the hosted service that starts and
    /// stops every typed responder, handler and consumer with the host. Calling it again adds more configuration.
    /// </summary>
    public static KubeMQBuilder AddKubeMQ(this IServiceCollection services, Action<KubeMQClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<KubeMQClientOptions>().Configure(configure);
        services.TryAddSingleton(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<KubeMQClientOptions>>().Value;
            options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            return new KubeMQClient(options);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KubeMQBindingsHostedService>());
        return new KubeMQBuilder(services);
    }
}
