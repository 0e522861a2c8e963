using System.Diagnostics.CodeAnalysis;

namespace KubeMQ.Broker.Channels;

/// <summary>The <c>channel_type</c> spellings of channel management (section 6).</summary>
internal static class ChannelTypeNames
{
    public const string Expected = "events, events_store, commands, queries, queues";

    public static string ToWire(ChannelType type) => type switch
    {
        ChannelType.Events => "events",
        ChannelType.EventsStore => "events_store",
        ChannelType.Commands => "commands",
        ChannelType.Queries => "queries",
        ChannelType.Queues => "queues",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown channel type."),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out ChannelType? type)
    {
        type = text switch
        {
            "events" => ChannelType.Events,
            "events_store" => ChannelType.EventsStore,
            "commands" => ChannelType.Commands,
            "queries" => ChannelType.Queries,
            "queues" => ChannelType.Queues,
            _ => null,
        };
        return type is not null;
    }
}
