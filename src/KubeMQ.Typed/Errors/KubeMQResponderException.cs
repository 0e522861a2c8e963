using KubeMQ.Client;

namespace KubeMQ.Typed;

/// <summary>
/// The responder of a typed command or query failed (the reply had Executed=false). The responder's error text follows
/// the wire format "<c>&lt;exception type full name&gt;: &lt;message&gt;</c>"; it is split into
/// <see cref="RemoteExceptionType"/> and <see cref="RemoteMessage"/>. Replies from responders that do not follow it keep
/// the whole text in <see cref="RemoteMessage"/>.
/// </summary>
/// <remarks>Not named KubeMQRemoteException: that client type reports errors of the broker itself.</remarks>
public sealed class KubeMQResponderException : KubeMQException
{
    public KubeMQResponderException(string channel, string method, string errorText)
        : base(KubeMQErrorKind.Remote, $"The responder on channel '{channel}' failed '{method}': {errorText}")
    {
        Channel = channel;
        Method = method;
        ErrorText = errorText;
        (RemoteExceptionType, RemoteMessage) = Split(errorText);
    }

    public string Channel { get; }

    public string Method { get; }

    /// <summary>The reply's error text, verbatim.</summary>
    public string ErrorText { get; }

    /// <summary>The full name of the exception type the responder threw, e.g. <c>System.InvalidOperationException</c>.</summary>
    public string? RemoteExceptionType { get; }

    public string RemoteMessage { get; }

    private static (string? Type, string Message) Split(string text)
    {
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0)
            return (null, text);
        var type = text.AsSpan(0, colon);
        foreach (var c in type)
        {
            // A type name is a dotted identifier (nested types use '+', generics '`'); anything else is prose.
            if (!(char.IsLetterOrDigit(c) || c is '.' or '_' or '+' or '`'))
                return (null, text);
        }
        return (type.ToString(), text[(colon + 2)..]);
    }
}
