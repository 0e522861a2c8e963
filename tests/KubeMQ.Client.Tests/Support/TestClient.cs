using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

/// <summary>Clients for tests: a unique id each, and a quick reconnect policy so outage tests finish fast.</summary>
internal static class TestClient
{
    public static KubeMQClient For(KubeMQBroker broker, Action<KubeMQClientOptions>? configure = null)
    {
        var options = new KubeMQClientOptions
        {
            Address = broker.Address.ToString(),
            ClientId = "test-" + Guid.NewGuid().ToString("N")[..8],
            Reconnect = new KubeMQReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) },
        };
        configure?.Invoke(options);
        return new KubeMQClient(options);
    }

    public static string Channel(string prefix) => $"{prefix}.{Guid.NewGuid():N}";

    public static ReadOnlyMemory<byte> Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlyMemory<byte> body) => System.Text.Encoding.UTF8.GetString(body.Span);
}
