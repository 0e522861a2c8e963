namespace KubeMQ.Client;

/// <summary>What kind of failure a <see cref="KubeMQException"/> reports, for callers that switch rather than catch.</summary>
public enum KubeMQErrorKind
{
    /// <summary>The broker could not be reached, the connection dropped, or TLS failed.</summary>
    Connection,
    /// <summary>The operation did not complete in time (a gRPC deadline or KubeMQ "Error 301").</summary>
    Timeout,
    /// <summary>The client refused to send something that breaks a KubeMQ rule.</summary>
    Validation,
    /// <summary>The broker refused the credentials (missing or wrong auth token).</summary>
    Authentication,
    /// <summary>The broker answered with an error of its own (the KubeMQ error text is in the message).</summary>
    Remote,
}
