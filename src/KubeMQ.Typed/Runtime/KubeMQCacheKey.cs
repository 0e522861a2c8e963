using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;

namespace KubeMQ.Typed.Runtime;

/// <summary>Builds broker cache keys for typed queries, identically on every machine and culture.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KubeMQCacheKey
{
    /// <summary>Formats one template hole: invariant culture, null as the empty string.</summary>
    public static string Format<T>(T? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// The key of a query without a template: "&lt;method&gt;:&lt;lower-case hex SHA-256 of the body&gt;", so equal
    /// arguments share an entry without putting a large body into the key.
    /// </summary>
    public static string Derive(string method, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return string.Concat(method, ":", Convert.ToHexStringLower(hash));
    }
}
