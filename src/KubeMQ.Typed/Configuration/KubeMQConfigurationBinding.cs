using System.Globalization;
using KubeMQ.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KubeMQ.Typed;

/// <summary>
/// Reads <see cref="KubeMQClientOptions"/> from a configuration section by hand (no reflection binder, so it trims
/// and runs under NativeAOT). Keys are the option names (case-insensitive, as configuration is); missing keys keep
/// their defaults; a value that does not parse fails naming its key.
/// </summary>
internal static class KubeMQConfigurationBinding
{
    public static void Bind(IConfiguration section, KubeMQClientOptions options)
    {
        var path = section is IConfigurationSection named ? named.Path : "";
        ReadString(section, nameof(KubeMQClientOptions.Address), value => options.Address = value);
        ReadString(section, nameof(KubeMQClientOptions.ClientId), value => options.ClientId = value);
        ReadString(section, nameof(KubeMQClientOptions.AuthToken), value => options.AuthToken = value);
        ReadTimeSpan(section, path, nameof(KubeMQClientOptions.DefaultRequestTimeout), value => options.DefaultRequestTimeout = value);
        ReadTimeSpan(section, path, nameof(KubeMQClientOptions.ConnectTimeout), value => options.ConnectTimeout = value);
        ReadTimeSpan(section, path, nameof(KubeMQClientOptions.KeepAliveInterval), value => options.KeepAliveInterval = value);
        ReadTimeSpan(section, path, nameof(KubeMQClientOptions.KeepAliveTimeout), value => options.KeepAliveTimeout = value);
        ReadTimeSpan(section, path, nameof(KubeMQClientOptions.PooledConnectionIdleTimeout), value => options.PooledConnectionIdleTimeout = value);
        ReadInt(section, path, nameof(KubeMQClientOptions.MaxSendMessageSize), value => options.MaxSendMessageSize = value);
        ReadInt(section, path, nameof(KubeMQClientOptions.MaxReceiveMessageSize), value => options.MaxReceiveMessageSize = value);
        ReadInt(section, path, nameof(KubeMQClientOptions.MaxQueuePollStreams), value => options.MaxQueuePollStreams = value);

        var reconnect = section.GetSection(nameof(KubeMQClientOptions.Reconnect));
        if (reconnect.Exists())
        {
            var policy = options.Reconnect ??= new KubeMQReconnectPolicy();
            var at = Combine(path, reconnect.Key);
            ReadTimeSpan(reconnect, at, nameof(KubeMQReconnectPolicy.InitialDelay), value => policy.InitialDelay = value);
            ReadTimeSpan(reconnect, at, nameof(KubeMQReconnectPolicy.MaxDelay), value => policy.MaxDelay = value);
            ReadDouble(reconnect, at, nameof(KubeMQReconnectPolicy.Multiplier), value => policy.Multiplier = value);
            ReadDouble(reconnect, at, nameof(KubeMQReconnectPolicy.Jitter), value => policy.Jitter = value);
            ReadInt(reconnect, at, nameof(KubeMQReconnectPolicy.MaxAttempts), value => policy.MaxAttempts = value);
        }

        var tls = section.GetSection(nameof(KubeMQClientOptions.Tls));
        if (tls.Exists())
        {
            var settings = options.Tls ??= new KubeMQTlsOptions();
            ReadString(tls, nameof(KubeMQTlsOptions.CaCertificatePath), value => settings.CaCertificatePath = value);
            ReadString(tls, nameof(KubeMQTlsOptions.ClientCertificatePath), value => settings.ClientCertificatePath = value);
            ReadString(tls, nameof(KubeMQTlsOptions.ClientKeyPath), value => settings.ClientKeyPath = value);
            ReadString(tls, nameof(KubeMQTlsOptions.ServerName), value => settings.ServerName = value);
        }
    }

    private static void ReadString(IConfiguration section, string key, Action<string> set)
    {
        if (section[key] is { } value)
            set(value);
    }

    // TimeSpans as configuration writes them ("00:00:10", "1.00:00:00"), or as a number of seconds ("2.5").
    private static void ReadTimeSpan(IConfiguration section, string path, string key, Action<TimeSpan> set)
    {
        if (section[key] is not { } text)
            return;
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && text.Contains(':', StringComparison.Ordinal))
            set(value);
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            set(TimeSpan.FromSeconds(seconds));
        else
            throw Unreadable(path, key, text, "a time span such as 00:00:10, or a number of seconds");
    }

    private static void ReadInt(IConfiguration section, string path, string key, Action<int> set)
    {
        if (section[key] is not { } text)
            return;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw Unreadable(path, key, text, "a whole number");
        set(value);
    }

    private static void ReadDouble(IConfiguration section, string path, string key, Action<double> set)
    {
        if (section[key] is not { } text)
            return;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw Unreadable(path, key, text, "a number");
        set(value);
    }

    private static OptionsValidationException Unreadable(string path, string key, string text, string expected) =>
        new(Options.DefaultName, typeof(KubeMQClientOptions),
            [$"Configuration value '{Combine(path, key)}' = '{text}' is invalid: it must be {expected}."]);

    private static string Combine(string path, string key) => string.IsNullOrEmpty(path) ? key : $"{path}:{key}";
}
