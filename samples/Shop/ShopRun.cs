using System.Globalization;

namespace Shop;

/// <summary>
/// Facts about this run that steps share: where the broker is, when the run started, and a stamp that keeps this
/// run's cache keys and message ids apart from earlier runs against the same (persistent) server.
/// </summary>
public sealed class ShopRun(string brokerAddress, DateTimeOffset startedAt)
{
    public string BrokerAddress { get; } = brokerAddress;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public string Stamp { get; } = startedAt.ToString("HHmmssfff", CultureInfo.InvariantCulture);
}
