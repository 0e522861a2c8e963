using System.Collections.Concurrent;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Requests;

/// <summary>
/// Requests waiting for a reply, keyed by the reply channel the broker gave them. The first reply completes the wait;
/// replies that arrive later, or for a request that already timed out, find nothing and are dropped.
/// </summary>
internal sealed class PendingReplies
{
    private const string InboxPrefix = "_INBOX.";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<Response>> _waiting = new(StringComparer.Ordinal);

    public int Count => _waiting.Count;

    /// <summary>Opens a unique reply channel; dispose the returned wait to forget it.</summary>
    public ReplyWait Open()
    {
        var replyChannel = InboxPrefix + Guid.NewGuid().ToString("N");
        var completion = new TaskCompletionSource<Response>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[replyChannel] = completion;
        return new ReplyWait(this, replyChannel, completion.Task);
    }

    /// <summary>False when no request waits on the response's reply channel any more (a late or duplicate reply).</summary>
    public bool TryComplete(Response response) =>
        _waiting.TryRemove(response.ReplyChannel, out var completion) && completion.TrySetResult(response);

    public readonly struct ReplyWait(PendingReplies owner, string replyChannel, Task<Response> reply) : IDisposable
    {
        public string ReplyChannel { get; } = replyChannel;

        public Task<Response> Reply { get; } = reply;

        public void Dispose() => owner._waiting.TryRemove(ReplyChannel, out _);
    }
}
