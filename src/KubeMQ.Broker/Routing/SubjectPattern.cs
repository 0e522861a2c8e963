namespace KubeMQ.Broker.Routing;

/// <summary>
/// A subscription's channel with NATS subject semantics: tokens separated by <c>.</c>, <c>*</c> matching exactly one
/// token and <c>&gt;</c> (last token only) matching one or more trailing tokens. A token that merely contains one of
/// those characters is literal, as in NATS.
/// </summary>
internal sealed class SubjectPattern
{
    private readonly string[] _tokens;

    private SubjectPattern(string text, string[] tokens, bool hasWildcards)
    {
        Text = text;
        _tokens = tokens;
        HasWildcards = hasWildcards;
    }

    public string Text { get; }

    /// <summary>False for a plain channel name, which is matched by dictionary lookup instead of token by token.</summary>
    public bool HasWildcards { get; }

    public static SubjectPattern Parse(string text)
    {
        var tokens = text.Split('.');
        var hasWildcards = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] == "*" || (tokens[i] == ">" && i == tokens.Length - 1))
                hasWildcards = true;
        }
        return new SubjectPattern(text, tokens, hasWildcards);
    }

    public bool Matches(string channel)
    {
        if (!HasWildcards)
            return string.Equals(Text, channel, StringComparison.Ordinal);
        var span = channel.AsSpan();
        var index = 0;
        foreach (var range in span.Split('.'))
        {
            if (index >= _tokens.Length)
                return false;
            var token = _tokens[index];
            if (token == ">" && index == _tokens.Length - 1)
                return true;
            if (token != "*" && !span[range].SequenceEqual(token))
                return false;
            index++;
        }
        return index == _tokens.Length;
    }
}
