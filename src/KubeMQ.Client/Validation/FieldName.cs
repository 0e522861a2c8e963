namespace KubeMQ.Client;

/// <summary>
/// The name of a validated field (e.g. <c>messages[2].Policy.Delay</c>), composed only when a rule is broken, so
/// that validating a valid message on the hot path allocates nothing.
/// </summary>
internal readonly struct FieldName(string owner, int index = -1, string? part = null, string? member = null)
{
    public FieldName Member(string name) => new(owner, index, part, name);

    public FieldName Part(string name) => new(owner, index, name, member);

    public FieldName At(int position) => new(owner, position, part, member);

    public override string ToString()
    {
        var text = index >= 0 ? $"{owner}[{index}]" : owner;
        if (part is not null)
            text += "." + part;
        if (member is not null)
            text += "." + member;
        return text;
    }

    public static implicit operator FieldName(string owner) => new(owner);
}
