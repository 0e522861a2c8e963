namespace KubeMQ.Typed.Generators.Model
{
    /// <summary>
    /// Everything the emitter needs about one contract, as plain values: no symbols, syntax or compilation, so equal
    /// contracts compare equal and unchanged contracts are not re-emitted.
    /// </summary>
    /// <param name="Namespace">Null for the global namespace.</param>
    /// <param name="InterfaceType">Fully qualified with global::.</param>
    /// <param name="DisplayName">The contract's name for messages, e.g. Shop.IProductQueries.</param>
    /// <param name="BaseName">Stem of generated names: IProductQueries → ProductQueries.</param>
    /// <param name="JsonContextType">The contract's own JsonSerializerContext (global::-qualified), or null to use the assembly's.</param>
    internal sealed record ContractModel(
        string? Namespace,
        string InterfaceType,
        string DisplayName,
        bool IsPublic,
        string BaseName,
        string Channel,
        ContractPattern Pattern,
        string? Group,
        string? JsonContextType,
        ImmutableEquatableArray<MethodModel> Methods,
        string HintName,
        LocationInfo? Location);
}
