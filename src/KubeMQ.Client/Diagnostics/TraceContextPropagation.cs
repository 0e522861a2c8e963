using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace KubeMQ.Client;

/// <summary>
/// W3C trace context on the wire (kubemq-protocol.md section 12, as the official C# SDK v3 does): <c>traceparent</c>
/// and <c>tracestate</c> in the message tags on every pattern, and on requests and responses also the Span field
/// holding UTF-8 <c>traceparent\ntracestate</c>. Receivers prefer the tags and fall back to Span.
/// </summary>
internal static class TraceContextPropagation
{
    public const string TraceParentTag = "traceparent";
    public const string TraceStateTag = "tracestate";

    /// <summary>
    /// Writes the context of <paramref name="span"/> (the client's own span) into <paramref name="tags"/>; without one,
    /// the ambient <see cref="Activity.Current"/>'s, unless the caller already put a traceparent there. No activity,
    /// nothing written and nothing allocated.
    /// </summary>
    public static bool Inject(Activity? span, MapField<string, string> tags)
    {
        var activity = span ?? Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C || activity.Id is null)
            return tags.ContainsKey(TraceParentTag);
        if (span is null && tags.ContainsKey(TraceParentTag))
            return true;
        tags[TraceParentTag] = activity.Id;
        if (string.IsNullOrEmpty(activity.TraceStateString))
            tags.Remove(TraceStateTag);
        else
            tags[TraceStateTag] = activity.TraceStateString;
        return true;
    }

    /// <summary>The Span field of a request or response whose tags carry a traceparent.</summary>
    public static ByteString ToSpanField(MapField<string, string> tags)
    {
        if (!tags.TryGetValue(TraceParentTag, out var traceParent))
            return ByteString.Empty;
        tags.TryGetValue(TraceStateTag, out var traceState);
        return ByteString.CopyFrom(traceParent + "\n" + traceState, Encoding.UTF8);
    }

    /// <summary>Reads the sender's context: the tags first, then the Span field of requests and responses.</summary>
    public static bool TryExtract(IReadOnlyDictionary<string, string> tags, ByteString? span, out ActivityContext context)
    {
        if (tags.TryGetValue(TraceParentTag, out var traceParent))
        {
            tags.TryGetValue(TraceStateTag, out var traceState);
            if (ActivityContext.TryParse(traceParent, traceState, isRemote: true, out context))
                return true;
        }
        if (span is { IsEmpty: false })
        {
            var text = span.ToStringUtf8();
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            var parent = newline < 0 ? text : text[..newline];
            var state = newline < 0 || newline == text.Length - 1 ? null : text[(newline + 1)..];
            if (ActivityContext.TryParse(parent, state, isRemote: true, out context))
                return true;
        }
        context = default;
        return false;
    }
}
