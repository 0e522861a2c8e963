using System.Buffers;
using System.Text.Json;
using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Typed.Runtime;

namespace KubeMQ.Benchmarks.Patterns;

/// <summary>
/// What a careful user of the core client writes by hand to produce the same wire message as a typed proxy: the same
/// JSON context, a reused output buffer, the content-type tag.
/// </summary>
internal sealed class HandWrittenJson
{
    public static readonly IReadOnlyDictionary<string, string> Tags =
        new Dictionary<string, string>(1) { [KubeMQWireFormat.ContentTypeTag] = KubeMQWireFormat.JsonContentType };

    private readonly ArrayBufferWriter<byte> _output = new(2048);
    private readonly Utf8JsonWriter _writer;

    public HandWrittenJson()
    {
        _writer = new Utf8JsonWriter(_output);
    }

    /// <summary>Serializes into this instance's buffer: valid until the next call (the client copies it on send).</summary>
    public ReadOnlyMemory<byte> Write(BenchmarkPayload payload)
    {
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        JsonSerializer.Serialize(_writer, payload, BenchmarkJson.Default.BenchmarkPayload);
        return _output.WrittenMemory;
    }

    public static BenchmarkPayload Read(ReadOnlyMemory<byte> body) =>
        JsonSerializer.Deserialize(body.Span, BenchmarkJson.Default.BenchmarkPayload)
        ?? throw new JsonException("The body is JSON null, not a BenchmarkPayload.");

    /// <summary>A reply body that outlives the handler (it is sent after the handler returns).</summary>
    public static ReadOnlyMemory<byte> Serialize(BenchmarkPayload payload) =>
        JsonSerializer.SerializeToUtf8Bytes(payload, BenchmarkJson.Default.BenchmarkPayload);
}
