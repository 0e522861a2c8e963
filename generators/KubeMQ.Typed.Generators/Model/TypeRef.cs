namespace KubeMQ.Typed.Generators.Model
{
    /// <summary>
    /// A type as generated code spells it: <paramref name="Annotated"/> keeps nullable annotations (for signatures),
    /// <paramref name="Plain"/> drops the top-level "?" of a reference type (for JsonTypeInfo&lt;T&gt;, which describes
    /// the type itself).
    /// </summary>
    internal sealed record TypeRef(string Annotated, string Plain);
}
