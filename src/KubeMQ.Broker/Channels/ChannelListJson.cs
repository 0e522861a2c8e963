using System.Buffers;
using System.Text.Json;

namespace KubeMQ.Broker.Channels;

/// <summary>
/// Writes the list-channels body of section 6 by hand (no reflection): a JSON array of
/// <c>{name, type, lastActivity, isActive, incoming, outgoing}</c>, each stats object with all six integer keys.
/// </summary>
internal static class ChannelListJson
{
    public static byte[] Write(IEnumerable<ChannelInfo> channels)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var channel in channels)
            {
                json.WriteStartObject();
                json.WriteString("name", channel.Name);
                json.WriteString("type", ChannelTypeNames.ToWire(channel.Type));
                json.WriteNumber("lastActivity", channel.LastActivityUnixMs);
                json.WriteBoolean("isActive", channel.IsActive);
                WriteStats(json, "incoming", channel.Incoming);
                WriteStats(json, "outgoing", channel.Outgoing);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteStats(Utf8JsonWriter json, string name, ChannelStats stats)
    {
        json.WriteStartObject(name);
        json.WriteNumber("messages", stats.Messages);
        json.WriteNumber("volume", stats.Volume);
        json.WriteNumber("responses", stats.Responses);
        json.WriteNumber("waiting", stats.Waiting);
        json.WriteNumber("expired", stats.Expired);
        json.WriteNumber("delayed", stats.Delayed);
        json.WriteEndObject();
    }
}
