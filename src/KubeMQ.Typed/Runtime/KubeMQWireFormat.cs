using System.ComponentModel;

namespace KubeMQ.Typed.Runtime;

/// <summary>The fixed parts of the typed wire format (docs/wire-format.md): tags and the error text.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KubeMQWireFormat
{
    public const string ContentTypeTag = "content-type";
    public const string JsonContentType = "application/json";
    public const string TraceParentTag = "traceparent";
    public const string TraceStateTag = "tracestate";

    private static readonly IReadOnlyDictionary<string, string> JsonOnly =
        new Dictionary<string, string>(1) { [ContentTypeTag] = JsonContentType };

    /// <summary>
    /// The tags of an outgoing typed message: the content type. The W3C trace context (traceparent, tracestate) is
    /// added by KubeMQ.Client on every send, from its own span or the caller's activity, so one shared, never-mutated
    /// dictionary serves every call.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CreateTags() => JsonOnly;

    /// <summary>The error text of a failed reply: "&lt;exception type full name&gt;: &lt;message&gt;".</summary>
    public static string FormatError(Exception exception) =>
        $"{exception.GetType().FullName}: {exception.Message}";
}
