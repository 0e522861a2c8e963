using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace KubeMQ.Typed.Runtime;

/// <summary>
/// The JSON operations generated code performs, always through <see cref="JsonTypeInfo{T}"/> from the user's
/// source-generated <see cref="JsonSerializerContext"/> (no reflection). The body layout is in docs/wire-format.md:
/// no parameters = empty body, one parameter = its bare JSON value, several = one JSON object keyed by parameter name.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KubeMQJson
{
    /// <summary>Looks a type up in the contract's context once, when a proxy or binding is created.</summary>
    public static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerContext context, string contract)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetTypeInfo(typeof(T)) is JsonTypeInfo<T> typeInfo)
            return typeInfo;
        throw new KubeMQContractConfigurationException(
            $"Contract {contract}: type '{typeof(T)}' is not registered in JsonSerializerContext '{context.GetType().FullName}'; " +
            $"add [JsonSerializable(typeof({typeof(T).Name}))] to it.");
    }

    /// <summary>Writes a bare value (a one-parameter body or a result).</summary>
    public static void Write<T>(KubeMQJsonBuffer buffer, T? value, JsonTypeInfo<T> typeInfo)
    {
        JsonSerializer.Serialize(buffer.Writer, value!, typeInfo);
    }

    /// <summary>Writes one property of a several-parameter body.</summary>
    public static void WriteArgument<T>(KubeMQJsonBuffer buffer, string name, T? value, JsonTypeInfo<T> typeInfo)
    {
        buffer.Writer.WritePropertyName(name);
        JsonSerializer.Serialize(buffer.Writer, value!, typeInfo);
    }

    /// <summary>Serializes a result into an exact-size array, which outlives the call (replies are sent after it returns).</summary>
    public static ReadOnlyMemory<byte> Serialize<T>(T? value, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = KubeMQJsonBuffer.Rent();
        Write(buffer, value, typeInfo);
        return buffer.WrittenMemory.ToArray();
    }

    /// <summary>Reads a bare value; malformed or mistyped JSON becomes a <see cref="KubeMQPayloadException"/>.</summary>
    public static T? Read<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, typeInfo);
        }
        catch (JsonException ex)
        {
            throw new KubeMQPayloadException($"The body is not valid JSON for {typeof(T)}: {ex.Message}", ex);
        }
    }

    /// <summary>Starts reading a several-parameter body, which must be a JSON object.</summary>
    public static Utf8JsonReader BeginArguments(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new KubeMQPayloadException("The body must be a JSON object with one property per parameter.");
        return reader;
    }

    /// <summary>Moves to the next property name; false at the end of the arguments object.</summary>
    public static bool NextArgument(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
            throw new KubeMQPayloadException("The arguments object is not closed.");
        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new KubeMQPayloadException($"Unexpected {reader.TokenType} in the arguments object."),
        };
    }

    /// <summary>Reads the value of the property the reader is on.</summary>
    public static T? ReadArgument<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> typeInfo)
    {
        reader.Read();
        return JsonSerializer.Deserialize(ref reader, typeInfo);
    }

    /// <summary>Skips the value of an unknown property (newer senders may add parameters).</summary>
    public static void SkipArgument(ref Utf8JsonReader reader)
    {
        reader.Skip();
    }
}
