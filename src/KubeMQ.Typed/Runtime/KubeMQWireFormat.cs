using System.ComponentModel;
using System.Diagnostics;

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

    /// <summary>The tags of an outgoing typed message: the content type, plus W3C trace context when a trace is active.</summary>
    public static IReadOnlyDictionary<string, string> CreateTags()
    {
        var activity = Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C || activity.Id is null)
            return JsonOnly;
        var tags = new Dictionary<string, string>(3)
        {
            [ContentTypeTag] = JsonContentType,
            [TraceParentTag] = activity.Id,
        };
        if (!string.IsNullOrEmpty(activity.TraceStateString))
            tags[TraceStateTag] = activity.TraceStateString;
        return tags;
    }

    /// <summary>The error text of a failed reply: "&lt;exception type full name&gt;: &lt;message&gt;".</summary>
    public static string FormatError(Exception exception) =>
        $"{exception.GetType().FullName}: {exception.Message}";
}
