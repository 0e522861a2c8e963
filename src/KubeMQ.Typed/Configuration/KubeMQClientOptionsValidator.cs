using KubeMQ.Client;
using Microsoft.Extensions.Options;

namespace KubeMQ.Typed;

/// <summary>
/// Validates <see cref="KubeMQClientOptions"/> with the client's own rules when the host starts (ValidateOnStart),
/// so a bad address or timeout stops start-up with a message naming the setting (and its configuration key, when
/// the options came from configuration) instead of failing at the first call.
/// </summary>
internal sealed class KubeMQClientOptionsValidator(string? configurationPath) : IValidateOptions<KubeMQClientOptions>
{
    public ValidateOptionsResult Validate(string? name, KubeMQClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.EnsureValid();
            return ValidateOptionsResult.Success;
        }
        catch (KubeMQValidationException e)
        {
            return ValidateOptionsResult.Fail(configurationPath is null ? e.Message : $"{e.Message} (configuration key {ConfigurationKey(e.Field)})");
        }
    }

    // "KubeMQClientOptions.Address" -> "KubeMQ:Address"; "KubeMQReconnectPolicy.MaxDelay" -> "KubeMQ:Reconnect:MaxDelay".
    private string ConfigurationKey(string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        var owner = dot < 0 ? "" : field[..dot];
        var member = dot < 0 ? field : field[(dot + 1)..];
        var prefix = owner switch
        {
            nameof(KubeMQReconnectPolicy) => nameof(KubeMQClientOptions.Reconnect) + ":",
            nameof(KubeMQTlsOptions) => nameof(KubeMQClientOptions.Tls) + ":",
            _ => "",
        };
        return string.IsNullOrEmpty(configurationPath) ? prefix + member : $"{configurationPath}:{prefix}{member}";
    }
}
