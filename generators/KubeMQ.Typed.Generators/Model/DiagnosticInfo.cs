using Microsoft.CodeAnalysis;

namespace KubeMQ.Typed.Generators.Model
{
    /// <summary>A diagnostic as values, so a pipeline step that carries one stays comparable between runs.</summary>
    internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo? Location, ImmutableEquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
            new DiagnosticInfo(descriptor.Id, LocationInfo.From(location), arguments.ToImmutableEquatableArray());
    }
}
