namespace KubeMQ.Typed;

/// <summary>
/// Gives a contract method an explicit wire name (sent in the KubeMQ <c>Metadata</c> field), so renaming the C# method
/// does not break senders and responders built from an older contract. Without it the wire name is the method name.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class KubeMQMethodAttribute : Attribute
{
    public KubeMQMethodAttribute(string name)
    {
        Name = name;
    }

    public string Name { get; }
}
