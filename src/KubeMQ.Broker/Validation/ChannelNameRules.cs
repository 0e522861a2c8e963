namespace KubeMQ.Broker.Validation;

/// <summary>
/// The channel-name rules every pattern shares (shared/kubemq-protocol.md section 4), checked in KubeMQ's order:
/// empty (102), trailing dot (119), white space (108), then wildcards (107) where the caller refuses them.
/// </summary>
internal static class ChannelNameRules
{
    /// <summary>Returns the exact KubeMQ error text for a bad channel name, or null when the name is acceptable.</summary>
    public static string? Check(string channel, bool wildcardsAllowed)
    {
        if (string.IsNullOrEmpty(channel))
            return BrokerErrors.EmptyChannel;
        if (channel[^1] == '.')
            return BrokerErrors.ChannelEndsWithDot;
        if (ContainsWhiteSpace(channel))
            return BrokerErrors.WhiteSpaceInChannel;
        if (!wildcardsAllowed && ContainsWildcards(channel))
            return BrokerErrors.WildcardsNotAllowed;
        return null;
    }

    public static bool ContainsWildcards(string channel) => channel.AsSpan().IndexOfAny('*', '>') >= 0;

    // KubeMQ checks for a space; tabs and newlines are refused the same way so that no invisible name can exist.
    private static bool ContainsWhiteSpace(string channel)
    {
        foreach (var c in channel)
        {
            if (char.IsWhiteSpace(c))
                return true;
        }
        return false;
    }
}
