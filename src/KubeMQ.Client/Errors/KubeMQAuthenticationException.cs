namespace KubeMQ.Client;

/// <summary>The broker refused the call's credentials (the <c>authorization</c> token is missing or wrong).</summary>
public sealed class KubeMQAuthenticationException(string message, Exception? innerException = null)
    : KubeMQException(KubeMQErrorKind.Authentication, message, innerException);
