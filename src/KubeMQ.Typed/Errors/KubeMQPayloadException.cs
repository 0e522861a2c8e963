using KubeMQ.Client;

namespace KubeMQ.Typed;

/// <summary>
/// A message body is not the JSON a typed contract expects (malformed, wrong shape, or a type the
/// <c>JsonSerializerContext</c> cannot read). Responders report it to the caller as an error reply.
/// </summary>
public sealed class KubeMQPayloadException : KubeMQException
{
    public KubeMQPayloadException(string message, Exception? innerException = null)
        : base(KubeMQErrorKind.Validation, message, innerException)
    {
    }
}
