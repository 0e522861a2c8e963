namespace KubeMQ.Typed;

/// <summary>
/// Queries: the broker cache key for a method, as a template whose <c>{parameter}</c> holes are filled with the
/// arguments formatted with the invariant culture, e.g. <c>[CacheKey("product:{id}")]</c>. Without it, a contract with
/// <see cref="KubeMQChannelAttribute.CacheTtl"/> &gt; 0 derives the key from the method's wire name and a hash of the body.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CacheKeyAttribute : Attribute
{
    public CacheKeyAttribute(string template)
    {
        Template = template;
    }

    public string Template { get; }

    /// <summary>Seconds to cache this method's replies; 0 uses the contract's <see cref="KubeMQChannelAttribute.CacheTtl"/>.</summary>
    public int Ttl { get; set; }
}
