namespace KubeMQ.Client;

/// <summary>The broker reported an error of its own; <see cref="ServerError"/> holds its exact text (e.g. "Error 110: ...").</summary>
public sealed class KubeMQRemoteException : KubeMQException
{
    public KubeMQRemoteException(string serverError, Exception? innerException = null)
        : this(serverError, serverError, innerException)
    {
    }

    public KubeMQRemoteException(string message, string serverError, Exception? innerException = null)
        : base(KubeMQErrorKind.Remote, message, innerException)
    {
        ServerError = serverError;
    }

    /// <summary>The broker's error text, verbatim.</summary>
    public string ServerError { get; }
}
