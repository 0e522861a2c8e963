using KubeMQ.Client;

namespace KubeMQ.Typed;

/// <summary>A message named a method (in <c>Metadata</c>) that the receiving contract does not have.</summary>
public sealed class KubeMQUnknownMethodException : KubeMQException
{
    public KubeMQUnknownMethodException(string channel, string method)
        : base(KubeMQErrorKind.Validation, $"Channel '{channel}' has no method '{method}' (the wire name travels in Metadata).")
    {
        Channel = channel;
        Method = method;
    }

    public string Channel { get; }

    public string Method { get; }
}
