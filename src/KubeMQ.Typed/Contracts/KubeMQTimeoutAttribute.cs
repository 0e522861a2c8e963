namespace KubeMQ.Typed;

/// <summary>Commands and queries: a per-method request timeout in milliseconds, overriding the contract's.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class KubeMQTimeoutAttribute : Attribute
{
    public KubeMQTimeoutAttribute(int milliseconds)
    {
        Milliseconds = milliseconds;
    }

    public int Milliseconds { get; }
}
