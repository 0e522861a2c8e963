using System.Text.Json;

namespace KubeMQ.Client;

/// <summary>
/// Reads the list-channels body (a JSON array, protocol notes section 6) with <see cref="Utf8JsonReader"/>: no
/// reflection, so it works under NativeAOT. Unknown keys are skipped; an empty body is an empty list.
/// </summary>
internal static class ChannelListParser
{
    public static IReadOnlyList<ChannelInfo> Parse(ReadOnlySpan<byte> json, ChannelType requestedType)
    {
        if (json.IsEmpty)
            return [];
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            Expect(ref reader, JsonTokenType.StartArray);
            var channels = new List<ChannelInfo>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw new JsonException("a channel entry must be an object");
                channels.Add(ReadChannel(ref reader, requestedType));
            }
            return channels;
        }
        catch (JsonException e)
        {
            throw new KubeMQRemoteException($"The broker's channel list is not valid JSON: {e.Message}", "invalid channel list", e);
        }
    }

    private static ChannelInfo ReadChannel(ref Utf8JsonReader reader, ChannelType requestedType)
    {
        string? name = null;
        var type = requestedType;
        long lastActivity = 0;
        var isActive = false;
        ChannelStats incoming = new(), outgoing = new();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString();
            reader.Read();
            switch (key)
            {
                case "name": name = reader.GetString(); break;
                case "type": if (ChannelTypeNames.TryParse(reader.GetString(), out var parsed)) type = parsed; break;
                case "lastActivity": lastActivity = reader.GetInt64(); break;
                case "isActive": isActive = reader.GetBoolean(); break;
                case "incoming": incoming = ReadStats(ref reader); break;
                case "outgoing": outgoing = ReadStats(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new ChannelInfo
        {
            Name = name ?? throw new JsonException("a channel entry has no name"),
            Type = type,
            LastActivity = DateTimeOffset.FromUnixTimeMilliseconds(lastActivity),
            IsActive = isActive,
            Incoming = incoming,
            Outgoing = outgoing,
        };
    }

    private static ChannelStats ReadStats(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return new ChannelStats();
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("channel stats must be an object");
        long messages = 0, volume = 0, responses = 0, waiting = 0, expired = 0, delayed = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString();
            reader.Read();
            switch (key)
            {
                case "messages": messages = reader.GetInt64(); break;
                case "volume": volume = reader.GetInt64(); break;
                case "responses": responses = reader.GetInt64(); break;
                case "waiting": waiting = reader.GetInt64(); break;
                case "expired": expired = reader.GetInt64(); break;
                case "delayed": delayed = reader.GetInt64(); break;
                default: reader.Skip(); break;
            }
        }
        return new ChannelStats { Messages = messages, Volume = volume, Responses = responses, Waiting = waiting, Expired = expired, Delayed = delayed };
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
            throw new JsonException($"expected {type}");
    }
}
