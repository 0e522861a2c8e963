namespace KubeMQ.Client;

public sealed partial class KubeMQClient
{
    private ServerEndpoint? _serverEndpoint;

    /// <summary>server.address of the client's spans.</summary>
    internal string ServerHost => Endpoint.Host;

    /// <summary>server.port of the client's spans.</summary>
    internal int ServerPort => Endpoint.Port;

    // Worked out on the first traced operation, so untraced clients never pay for it; a race computes it twice.
    private ServerEndpoint Endpoint => _serverEndpoint ??= ServerEndpoint.From(Options);

    private sealed record ServerEndpoint(string Host, int Port)
    {
        public static ServerEndpoint From(KubeMQClientOptions options)
        {
            var text = options.Address.Contains("://", StringComparison.Ordinal)
                ? options.Address
                : (options.Tls is null ? "http://" : "https://") + options.Address;
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? new ServerEndpoint(uri.Host, uri.Port) : new ServerEndpoint(options.Address, 0);
        }
    }
}
