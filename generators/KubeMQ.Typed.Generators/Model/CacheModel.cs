namespace KubeMQ.Typed.Generators.Model
{
    /// <summary>
    /// How a query method is cached: <paramref name="Segments"/> from a [CacheKey] template, or none when the key is
    /// derived from the method's wire name and a hash of the body.
    /// </summary>
    internal sealed record CacheModel(ImmutableEquatableArray<CacheKeySegment>? Segments, int TtlSeconds);

    /// <summary>Literal text, or (when <paramref name="IsParameter"/>) the identifier of the parameter filling a hole.</summary>
    internal sealed record CacheKeySegment(string Value, bool IsParameter);
}
