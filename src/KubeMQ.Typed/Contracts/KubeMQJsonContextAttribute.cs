namespace KubeMQ.Typed;

/// <summary>
/// Names the assembly-wide <c>JsonSerializerContext</c> used by every contract in the assembly that does not name its
/// own with <see cref="KubeMQChannelAttribute.JsonContext"/>. Every parameter and result type must be registered on it
/// with <c>[JsonSerializable(typeof(T))]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class KubeMQJsonContextAttribute : Attribute
{
    public KubeMQJsonContextAttribute(Type contextType)
    {
        ContextType = contextType;
    }

    public Type ContextType { get; }
}
