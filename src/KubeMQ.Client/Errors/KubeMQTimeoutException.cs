namespace KubeMQ.Client;

/// <summary>The operation ran out of time: a gRPC deadline, or a command/query nobody answered (KubeMQ "Error 301").</summary>
public sealed class KubeMQTimeoutException(string message, Exception? innerException = null)
    : KubeMQException(KubeMQErrorKind.Timeout, message, innerException);
