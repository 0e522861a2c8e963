namespace KubeMQ.Client;

/// <summary>The <c>channel_type</c> values of channel management (protocol notes section 6).</summary>
internal static class ChannelTypeNames
{
    public static string ToWire(ChannelType type) => type switch
    {
        ChannelType.Events => "events",
        ChannelType.EventsStore => "events_store",
        ChannelType.Commands => "commands",
        ChannelType.Queries => "queries",
        ChannelType.Queues => "queues",
        _ => throw new KubeMQValidationException("type", $"'{type}' is not a channel type"),
    };

    public static bool TryParse(string? text, out ChannelType type)
    {
        switch (text)
        {
            case "events": type = ChannelType.Events; return true;
            case "events_store": type = ChannelType.EventsStore; return true;
            case "commands": type = ChannelType.Commands; return true;
            case "queries": type = ChannelType.Queries; return true;
            case "queues": type = ChannelType.Queues; return true;
            default: type = default; return false;
        }
    }
}
