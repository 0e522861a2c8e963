using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace KubeMQ.Broker.Hosting;

/// <summary>
/// Every streaming call in flight, so that a test can cut them all at once (a simulated network blip) while the
/// broker keeps its state. Streaming handlers register at their start and dispose the registration at their end.
/// </summary>
internal sealed class OpenStreams
{
    private readonly ConcurrentDictionary<long, HttpContext> _streams = new();
    private long _nextId;

    public int Count => _streams.Count;

    public Registration Register(ServerCallContext context)
    {
        var id = Interlocked.Increment(ref _nextId);
        _streams[id] = context.GetHttpContext();
        return new Registration(this, id);
    }

    /// <summary>Resets every open HTTP/2 stream: clients see the same failure as a dropped connection.</summary>
    public int AbortAll()
    {
        var aborted = 0;
        foreach (var (id, http) in _streams)
        {
            if (_streams.TryRemove(id, out _))
            {
                http.Abort();
                aborted++;
            }
        }
        return aborted;
    }

    public readonly struct Registration(OpenStreams owner, long id) : IDisposable
    {
        public void Dispose() => owner._streams.TryRemove(id, out _);
    }
}
