namespace KubeMQ.Client;

/// <summary>
/// The one exception family of the client: every failure surfaces as a subclass of this, never as a raw
/// gRPC exception, so callers depend on the client and not on its transport.
/// </summary>
public class KubeMQException : Exception
{
    public KubeMQException(KubeMQErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public KubeMQErrorKind Kind { get; }
}
