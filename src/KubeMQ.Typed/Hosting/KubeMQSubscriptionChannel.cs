namespace KubeMQ.Typed;

/// <summary>
/// The rules a subscription channel must keep. Unlike a send, a subscription may use NATS-style wildcards, each a
/// whole token: <c>*</c> anywhere, <c>&gt;</c> only as the last token.
/// </summary>
internal static class KubeMQSubscriptionChannel
{
    public static void Validate(string channel, string field)
    {
        if (string.IsNullOrWhiteSpace(channel))
            throw new ArgumentException($"{field} must not be empty or white space.", field);
        if (channel.AsSpan().IndexOfAny(" \t\r\n") >= 0)
            throw new ArgumentException($"{field} '{channel}' must not contain white space.", field);
        var tokens = channel.Split('.');
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Length == 0)
                throw new ArgumentException($"{field} '{channel}' must not have an empty token (a leading, trailing or doubled '.').", field);
            if (token.Length > 1 && token.AsSpan().IndexOfAny('*', '>') >= 0)
                throw new ArgumentException($"{field} '{channel}': a wildcard ('*' or '>') must be a whole token.", field);
            if (token == ">" && i != tokens.Length - 1)
                throw new ArgumentException($"{field} '{channel}': the '>' wildcard must be the last token.", field);
        }
    }
}
