namespace KubeMQ.Client;

/// <summary>
/// KubeMQ's channel rules (shared/kubemq-protocol.md section 4), checked before anything is sent so that the caller
/// learns which field broke which rule instead of receiving a server error code.
/// </summary>
internal static class ChannelNameRules
{
    /// <summary>A channel that messages are sent to: no wildcards, ever.</summary>
    public static void ValidateForSend(string? channel, FieldName field)
    {
        ValidateCommon(channel, field);
        if (channel!.AsSpan().IndexOfAny('*', '>') >= 0)
            throw new KubeMQValidationException(field.ToString(), $"'{channel}' must not contain the wildcards '*' or '>' when sending");
    }

    /// <summary>A subscription channel; <paramref name="allowWildcards"/> only for plain events.</summary>
    public static void ValidateForSubscribe(string? channel, FieldName field, bool allowWildcards)
    {
        ValidateCommon(channel, field);
        if (!allowWildcards)
        {
            if (channel!.AsSpan().IndexOfAny('*', '>') >= 0)
                throw new KubeMQValidationException(field.ToString(), $"'{channel}' must not contain the wildcards '*' or '>' for this kind of subscription");
            return;
        }
        var tokens = channel!.Split('.');
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Length == 0)
                throw new KubeMQValidationException(field.ToString(), $"'{channel}' must not contain an empty token between dots");
            if (token.Contains('*', StringComparison.Ordinal) && token != "*")
                throw new KubeMQValidationException(field.ToString(), $"'{channel}': the wildcard '*' must be a whole token");
            if (token.Contains('>', StringComparison.Ordinal) && (token != ">" || i != tokens.Length - 1))
                throw new KubeMQValidationException(field.ToString(), $"'{channel}': the wildcard '>' must be the whole last token");
        }
    }

    private static void ValidateCommon(string? channel, FieldName field)
    {
        if (string.IsNullOrEmpty(channel))
            throw new KubeMQValidationException(field.ToString(), "a channel must not be empty");
        foreach (var c in channel)
        {
            if (char.IsWhiteSpace(c))
                throw new KubeMQValidationException(field.ToString(), $"'{channel}' must not contain white space");
        }
        if (channel[^1] == '.')
            throw new KubeMQValidationException(field.ToString(), $"'{channel}' must not end with '.'");
    }
}
