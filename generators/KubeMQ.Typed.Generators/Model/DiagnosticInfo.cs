namespace KubeMQ.Typed.Generators.Model
{
    /// <summary>A diagnostic as values, so a pipeline step that carries one stays comparable between runs.</summary>
    internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo? Location, ImmutableEquatableArray<string> Arguments);
}
