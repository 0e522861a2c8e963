using System.Collections.ObjectModel;

namespace KubeMQ.Client;

/// <summary>The shared empty tag set of messages that carry no tags.</summary>
internal static class EmptyTags
{
    public static readonly IReadOnlyDictionary<string, string> Instance = ReadOnlyDictionary<string, string>.Empty;
}
