namespace KubeMQ.Typed.Generators.Model
{
    /// <summary>
    /// The generator's view of one contract: a model when it is usable, nothing when it has problems (the analyzer
    /// reports those), or the generator's own failure on it.
    /// </summary>
    internal sealed record ContractParseResult(ContractModel? Contract, DiagnosticInfo? InternalError);
}
