namespace KubeMQ.Typed.Generators.Model
{
    /// <summary>The parser's output for one [KubeMQChannel] target: a model when it is usable, and its diagnostics.</summary>
    internal sealed record ContractParseResult(ContractModel? Contract, ImmutableEquatableArray<DiagnosticInfo> Diagnostics);
}
