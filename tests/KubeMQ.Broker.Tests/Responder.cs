using Grpc.Core;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Tests;

/// <summary>
/// A SubscribeToRequests subscription that answers each request with <c>reply</c> through SendResponse, recording what
/// it received.
/// </summary>
internal sealed class Responder : IDisposable
{
    private readonly AsyncServerStreamingCall<Request> _call;
    private readonly List<Request> _received = [];

    private Responder(AsyncServerStreamingCall<Request> call, kubemq.kubemqClient client, Func<Request, Response?> reply)
    {
        _call = call;
        Completion = Task.Run(async () =>
        {
            try
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    var request = call.ResponseStream.Current;
                    lock (_received)
                        _received.Add(request);
                    var response = reply(request);
                    if (response is null)
                        continue;
                    response.ReplyChannel = request.ReplyChannel;
                    if (response.RequestID.Length == 0)
                        response.RequestID = request.RequestID;
                    if (response.ClientID.Length == 0)
                        response.ClientID = "responder";
                    await client.SendResponseAsync(response);
                }
            }
            catch (RpcException)
            {
                // The test ended the subscription.
            }
        });
    }

    public Task Completion { get; }

    public IReadOnlyList<Request> Received
    {
        get
        {
            lock (_received)
                return [.. _received];
        }
    }

    public static async Task<Responder> StartAsync(BrokerClient kit, Subscribe.Types.SubscribeType type, string channel, Func<Request, Response?> reply, string group = "")
    {
        var engine = type == Subscribe.Types.SubscribeType.Commands ? kit.Engines.Commands : kit.Engines.Queries;
        var before = engine.SubscriberCount;
        var call = kit.Client.SubscribeToRequests(new Subscribe { SubscribeTypeData = type, ClientID = "responder", Channel = channel, Group = group });
        await Eventually.HoldsAsync(() => engine.SubscriberCount == before + 1, "the responder is subscribed");
        return new Responder(call, kit.Client, reply);
    }

    public void Dispose() => _call.Dispose();
}
