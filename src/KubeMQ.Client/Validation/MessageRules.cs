namespace KubeMQ.Client;

/// <summary>Rules on message contents and timeouts shared by several patterns (section 5 of the protocol notes).</summary>
internal static class MessageRules
{
    public static void ValidateNotEmpty(ReadOnlyMemory<byte> body, string? metadata, FieldName field)
    {
        if (body.IsEmpty && string.IsNullOrEmpty(metadata))
            throw new KubeMQValidationException(field.ToString(), "a message needs a body or metadata (both are empty)");
    }

    public static int ToPositiveMilliseconds(TimeSpan timeout, FieldName field)
    {
        if (timeout <= TimeSpan.Zero)
            throw new KubeMQValidationException(field.ToString(), "the timeout must be greater than zero");
        var milliseconds = Math.Ceiling(timeout.TotalMilliseconds);
        if (milliseconds > int.MaxValue)
            throw new KubeMQValidationException(field.ToString(), "the timeout must fit in int32 milliseconds");
        return (int)milliseconds;
    }

    public static int ToWholeSeconds(TimeSpan value, FieldName field, int min, int max)
    {
        var seconds = Math.Ceiling(value.TotalSeconds);
        if (seconds < min || seconds > max)
            throw new KubeMQValidationException(field.ToString(), $"the value must be between {min} and {max} seconds (got {value})");
        return (int)seconds;
    }

    public static void ValidateRequired(string? value, FieldName field)
    {
        if (string.IsNullOrEmpty(value))
            throw new KubeMQValidationException(field.ToString(), "a value is required");
    }
}
