namespace KubeMQ.Typed;

/// <summary>
/// A typed contract cannot be used as configured, e.g. a parameter type missing from its JsonSerializerContext.
/// Thrown when the proxy or binding is created, so the mistake shows at startup, not on the first message.
/// </summary>
public sealed class KubeMQContractConfigurationException(string message) : InvalidOperationException(message);
