using System.Threading.Channels;

namespace KubeMQ.Broker.Routing;

/// <summary>
/// One live subscription of a routed pattern (events, commands, queries): a bounded buffer between publishers and the
/// subscription's gRPC stream, so that a slow stream costs memory for at most <c>capacity</c> messages.
/// </summary>
internal sealed class Subscriber<T>
    where T : class
{
    private readonly Channel<T> _buffer;
    private volatile bool _stalled;
    private volatile bool _closed;

    public Subscriber(SubjectPattern pattern, string group, int capacity)
    {
        Pattern = pattern;
        Group = group;
        _buffer = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public SubjectPattern Pattern { get; }

    /// <summary>Empty for an ungrouped subscription.</summary>
    public string Group { get; }

    public ChannelReader<T> Reader => _buffer.Reader;

    /// <summary>
    /// Set when a message had to be dropped because the buffer stayed full for the whole deadline; while it is set,
    /// publishers drop at once instead of waiting again, so one stuck subscriber delays publishers only once.
    /// </summary>
    public bool IsStalled => _stalled;

    public bool IsClosed => _closed;

    public bool TryWrite(T message)
    {
        if (!_buffer.Writer.TryWrite(message))
            return false;
        _stalled = false;
        return true;
    }

    /// <summary>Waits for room until <paramref name="deadline"/> fires; false means the message was dropped for this subscriber.</summary>
    public async Task<bool> WriteBeforeAsync(T message, CancellationToken deadline)
    {
        try
        {
            await _buffer.Writer.WriteAsync(message, deadline).ConfigureAwait(false);
            _stalled = false;
            return true;
        }
        catch (OperationCanceledException)
        {
            _stalled = true;
            return false;
        }
        catch (ChannelClosedException)
        {
            // The subscription ended while we waited: nobody is left to miss the message.
            return true;
        }
    }

    public void Close()
    {
        _closed = true;
        _buffer.Writer.TryComplete();
    }
}
