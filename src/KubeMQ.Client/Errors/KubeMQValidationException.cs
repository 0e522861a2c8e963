namespace KubeMQ.Client;

/// <summary>
/// The client refused to send something that breaks a KubeMQ rule. <see cref="Field"/> names what was wrong and
/// <see cref="Rule"/> says which rule it broke; the message says both.
/// </summary>
public sealed class KubeMQValidationException : KubeMQException
{
    public KubeMQValidationException(string field, string rule)
        : base(KubeMQErrorKind.Validation, $"{field} is invalid: {rule}.")
    {
        Field = field;
        Rule = rule;
    }

    /// <summary>The offending field, e.g. <c>EventMessage.Channel</c>.</summary>
    public string Field { get; }

    /// <summary>The rule it broke, e.g. <c>a channel must not contain white space</c>.</summary>
    public string Rule { get; }
}
