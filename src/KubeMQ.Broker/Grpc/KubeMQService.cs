using Grpc.Core;
using KubeMQ.Broker.Hosting;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Grpc;

/// <summary>
/// The <c>kubemq.kubemq</c> gRPC service. One partial file per pattern (Events, Requests, Queues) keeps each RPC next
/// to the others of its pattern; the handlers only translate between the wire and the pattern engines.
/// </summary>
internal sealed partial class KubeMQService(BrokerRuntime runtime) : kubemq.kubemqBase
{
    private readonly BrokerRuntime _runtime = runtime;

    public override async Task<PingResult> Ping(Empty request, ServerCallContext context)
    {
        await SubscriptionConfirmation.AdvertiseAsync(context).ConfigureAwait(false);
        var now = _runtime.Time.GetUtcNow();
        return new PingResult
        {
            Host = _runtime.Options.HostName,
            Version = _runtime.Options.Version,
            ServerStartTime = _runtime.StartedAt.ToUnixTimeSeconds(),
            ServerUpTimeSeconds = (long)(now - _runtime.StartedAt).TotalSeconds,
        };
    }
}
