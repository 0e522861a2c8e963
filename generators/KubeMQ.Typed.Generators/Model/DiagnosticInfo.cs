using Microsoft.CodeAnalysis;

namespace KubeMQ.Typed.Generators.Model
{
    /// <summary>A diagnostic as values, reported in its own pipeline step so it does not disturb the generated sources.</summary>
    internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo? Location, ImmutableEquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
            new DiagnosticInfo(descriptor.Id, LocationInfo.From(location), arguments.ToImmutableEquatableArray());
    }
}
