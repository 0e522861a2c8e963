using KubeMQ.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KubeMQ.Typed;

public static class KubeMQConfigurationExtensions
{
    /// <summary>
    /// Like <see cref="KubeMQServiceCollectionExtensions.AddKubeMQ"/>, with the client options read from
    /// <paramref name="configuration"/> (e.g. <c>configuration.GetSection("KubeMQ")</c>: Address, ClientId, AuthToken,
    /// DefaultRequestTimeout, ConnectTimeout, Reconnect:InitialDelay, Tls:CaCertificatePath, ...), then
    /// <paramref name="configure"/>. The options are validated when the host starts; a bad setting stops it with a
    /// message naming the setting and its configuration key. Binding is by hand, so it stays NativeAOT-clean.
    /// </summary>
    public static KubeMQBuilder AddKubeMQ(this IServiceCollection services, IConfiguration configuration, Action<KubeMQClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddKubeMQ(options =>
        {
            KubeMQConfigurationBinding.Bind(configuration, options);
            configure?.Invoke(options);
        });
        var path = configuration is IConfigurationSection section ? section.Path : "";
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubeMQClientOptions>>(new KubeMQClientOptionsValidator(path)));
        services.AddOptions<KubeMQClientOptions>().ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// Validates the client options when the host starts (for <c>AddKubeMQ(o => ...)</c>, which otherwise validates
    /// them when the client is first created).
    /// </summary>
    public static KubeMQBuilder ValidateOnStart(this KubeMQBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubeMQClientOptions>>(new KubeMQClientOptionsValidator(null)));
        builder.Services.AddOptions<KubeMQClientOptions>().ValidateOnStart();
        return builder;
    }
}
