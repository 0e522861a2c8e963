using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using KubeMQ.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KubeMQ.Typed.Runtime;

/// <summary>
/// The DI operations generated registration methods perform, with closed generic types only (no reflection, no
/// MakeGenericType), so they are trimming- and NativeAOT-safe.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KubeMQRegistration
{
    /// <summary>Registers a contract's proxy as a singleton (proxies are stateless and thread-safe).</summary>
    public static KubeMQBuilder AddProxy<TContract>(KubeMQBuilder builder, Func<KubeMQClient, TContract> create)
        where TContract : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(create);
        builder.Services.TryAddSingleton(provider => create(provider.GetRequiredService<KubeMQClient>()));
        return builder;
    }

    /// <summary>
    /// Registers a handler implementation as scoped (one instance per message, so it may use scoped services) unless
    /// the application registered it already, and a binding that the hosted service starts.
    /// </summary>
    public static KubeMQBuilder AddBinding<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        KubeMQBuilder builder, Func<IServiceProvider, IKubeMQBinding> createBinding)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(createBinding);
        builder.Services.TryAddScoped<THandler>();
        builder.Services.AddSingleton(createBinding);
        return builder;
    }
}
