using Grpc.Core;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Queues;

/// <summary>
/// One QueuesUpstream stream: every request is a batch send answered by exactly one response carrying its
/// RefRequestID. Requests are handled concurrently, so responses may come back out of order.
/// </summary>
internal sealed class UpstreamSession(QueueEngine engine, IServerStreamWriter<QueuesUpstreamResponse> writer)
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public async Task RunAsync(IAsyncStreamReader<QueuesUpstreamRequest> requests, CancellationToken cancellationToken)
    {
        var pending = new List<Task>();
        try
        {
            while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                var request = requests.Current;
                pending.Add(Task.Run(() => HandleAsync(request, cancellationToken), cancellationToken));
                if (pending.Count >= 64)
                    pending.RemoveAll(static t => t.IsCompletedSuccessfully);
            }
        }
        finally
        {
            // Requests already read are answered (or fail with the stream) before the call ends.
            await Task.WhenAll(pending).ConfigureAwait(false);
            _writeGate.Dispose();
        }
    }

    private async Task HandleAsync(QueuesUpstreamRequest request, CancellationToken cancellationToken)
    {
        var response = new QueuesUpstreamResponse { RefRequestID = request.RequestID };
        if (request.Messages.Count == 0)
        {
            response.IsError = true;
            response.Error = DownstreamErrors.NoMessagesToSend;
        }
        else
        {
            foreach (var message in request.Messages)
                response.Results.Add(engine.Send(message));
        }
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await writer.WriteAsync(response).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
