using System.Buffers;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json;

namespace KubeMQ.Typed.Runtime;

/// <summary>
/// A pooled output buffer with its own reusable <see cref="Utf8JsonWriter"/>: generated senders write a message body
/// into it, hand <see cref="WrittenMemory"/> to the client (which copies it into the protobuf message) and dispose it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KubeMQJsonBuffer : IDisposable
{
    // Enough for the in-flight calls of a busy process (64+ concurrent calls are common); a smaller pool made every call
    // beyond it allocate a buffer and a writer and throw them away.
    private const int MaxPooled = 256;
    // Buffers that grew for one huge message would pin that memory forever if pooled.
    private const int MaxPooledCapacity = 64 * 1024;
    private static readonly ConcurrentQueue<KubeMQJsonBuffer> Pool = new();

    private readonly ArrayBufferWriter<byte> _output = new(256);
    private readonly Utf8JsonWriter _writer;
    private bool _rented;

    private KubeMQJsonBuffer()
    {
        _writer = new Utf8JsonWriter(_output);
    }

    public static KubeMQJsonBuffer Rent()
    {
        var buffer = Pool.TryDequeue(out var pooled) ? pooled : new KubeMQJsonBuffer();
        buffer._rented = true;
        return buffer;
    }

    public Utf8JsonWriter Writer => _writer;

    /// <summary>Everything written so far (flushes the writer first).</summary>
    public ReadOnlyMemory<byte> WrittenMemory
    {
        get
        {
            _writer.Flush();
            return _output.WrittenMemory;
        }
    }

    public void Dispose()
    {
        if (!_rented)
            return;
        _rented = false;
        _writer.Reset();
        if (_output.Capacity > MaxPooledCapacity || Pool.Count >= MaxPooled)
            return;
        _output.ResetWrittenCount();
        Pool.Enqueue(this);
    }
}
