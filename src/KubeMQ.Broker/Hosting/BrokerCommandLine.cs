using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace KubeMQ.Broker.Hosting;

/// <summary>Maps the standalone executable's arguments onto <see cref="KubeMQBrokerOptions"/>.</summary>
internal static class BrokerCommandLine
{
    public const string Help = """
        KubeMQ embedded broker (KubeMQ.Typed): an in-memory, single-node KubeMQ-compatible gRPC server.

        Usage: KubeMQ.Broker [options]

          --host <ip>                 interface to bind (default 127.0.0.1)
          --port <n>                  port to bind (default 50000; 0 picks a free port)
          --auth-token <token>        require this token in the 'authorization' metadata of every call
          --tls-cert <file.pem>       PEM certificate chain: serve TLS
          --tls-key <file.pem>        PEM private key of --tls-cert
          --client-ca <file.pem>      require client certificates issued by this CA (mTLS)
          --max-body-size <bytes>     largest accepted body (default 104857600 = 100 MiB)
          --event-buffer <n>          per-subscriber buffer of plain events (default 100)
          --help                      show this text
        """;

    /// <summary>False with a null error means --help was asked for.</summary>
    public static bool TryParse(string[] args, [NotNullWhen(true)] out KubeMQBrokerOptions? options, out string? error)
    {
        options = new KubeMQBrokerOptions { Port = 50000 };
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h" or "-?")
            {
                options = null;
                return false;
            }
            if (i + 1 >= args.Length)
            {
                error = $"Option {name} needs a value.";
                options = null;
                return false;
            }
            var value = args[++i];
            switch (name)
            {
                case "--host": options.Host = value; break;
                case "--port" when TryInt(value, out var port): options.Port = port; break;
                case "--auth-token": options.AuthToken = value; break;
                case "--tls-cert": options.TlsCertificatePath = value; break;
                case "--tls-key": options.TlsKeyPath = value; break;
                case "--client-ca": options.ClientCaCertificatePath = value; break;
                case "--max-body-size" when TryInt(value, out var max): options.MaxBodySize = max; break;
                case "--event-buffer" when TryInt(value, out var buffer): options.EventSubscriberBufferSize = buffer; break;
                case "--port" or "--max-body-size" or "--event-buffer":
                    error = $"Option {name} needs a whole number, got '{value}'.";
                    options = null;
                    return false;
                default:
                    error = $"Unknown option {name}.";
                    options = null;
                    return false;
            }
        }
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            options = null;
            return false;
        }
        return true;
    }

    private static bool TryInt(string value, out int result) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
}
