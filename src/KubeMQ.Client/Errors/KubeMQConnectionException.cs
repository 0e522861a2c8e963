namespace KubeMQ.Client;

/// <summary>The broker could not be reached or the connection broke (including TLS handshake failures).</summary>
public sealed class KubeMQConnectionException(string message, Exception? innerException = null)
    : KubeMQException(KubeMQErrorKind.Connection, message, innerException);
