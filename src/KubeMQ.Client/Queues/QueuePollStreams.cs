namespace KubeMQ.Client;

/// <summary>
/// The client's small pool of long-lived QueuesDownstream streams. A poll goes to a stream with no poll pending
/// (the broker serves a stream's requests in order, so a waiting poll would delay the next one), a new stream is
/// opened while under <see cref="KubeMQClientOptions.MaxQueuePollStreams"/>, and a broken stream is replaced.
/// </summary>
internal sealed class QueuePollStreams : IAsyncDisposable
{
    private readonly KubeMQClient _client;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<DownstreamStream> _streams = [];
    // A copy of _streams published after every change under _gate, so readers never wait on the gate.
    private volatile DownstreamStream[] _snapshot = [];
    private bool _disposed;

    public QueuePollStreams(KubeMQClient client) => _client = client;

    /// <summary>Polls written and not yet answered by the broker, including abandoned ones (for tests and diagnostics).</summary>
    public int PendingPolls
    {
        get
        {
            var total = 0;
            foreach (var stream in _snapshot)
                total += stream.PendingPolls;
            return total;
        }
    }

    public async Task<QueuePollResult> PollAsync(QueuePollRequest request, CancellationToken cancellationToken)
    {
        var stream = await PickAsync(cancellationToken).ConfigureAwait(false);
        return await stream.PollAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DownstreamStream> PickAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_streams.RemoveAll(static s => s.IsBroken) > 0)
                _snapshot = [.. _streams];
            DownstreamStream? best = null;
            foreach (var stream in _streams)
            {
                if (best is null || stream.PendingPolls < best.PendingPolls)
                    best = stream;
            }
            if (best is { PendingPolls: 0 } || (best is not null && _streams.Count >= _client.Options.MaxQueuePollStreams))
                return best;
            var options = await _client.Calls.CreateAsync(null, _client.Lifetime).ConfigureAwait(false);
            var created = new DownstreamStream(_client, _client.Grpc.QueuesDownstream(options));
            _streams.Add(created);
            _snapshot = [.. _streams];
            return created;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            foreach (var stream in _streams)
                await stream.CloseAsync().ConfigureAwait(false);
            _streams.Clear();
            _snapshot = [];
        }
        finally
        {
            _gate.Release();
        }
    }
}
