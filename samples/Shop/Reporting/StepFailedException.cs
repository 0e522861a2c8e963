namespace Shop;

/// <summary>A scenario step saw something other than what it should have; the message says what.</summary>
public sealed class StepFailedException(string message) : Exception(message)
{
    /// <summary>Fails the step with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void ThrowUnless(bool condition, string message)
    {
        if (!condition)
            throw new StepFailedException(message);
    }
}
