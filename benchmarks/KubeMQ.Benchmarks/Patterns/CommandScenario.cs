using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Benchmarks.Patterns.Receivers;
using KubeMQ.Client;
using KubeMQ.Typed;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMQ.Benchmarks.Patterns;

/// <summary>Command round trips: a 1 KB command, executed by a responder that reads it, answered with no body.</summary>
internal sealed class CommandScenario(ScenarioPath path, int concurrency) : RoundTripScenario("command", path, concurrency)
{
    private const string Method = "Apply";
    private KubeMQSubscription? _subscription;

    protected override string Channel => BenchmarkChannelNames.Commands;

    protected override void RegisterTyped(KubeMQBuilder builder) =>
        builder.AddBenchmarkCommandsClient().AddBenchmarkCommandsResponder<BenchmarkCommandsResponder>();

    protected override Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _subscription = Client.SubscribeToCommands(new RequestsSubscription { Channel = Channel }, (request, _) =>
        {
            if (request.Metadata != Method)
                return new ValueTask<RequestReply>(RequestReply.Failed($"unknown method '{request.Metadata}'"));
            HandWrittenJson.Read(request.Body);
            return new ValueTask<RequestReply>(RequestReply.Success);
        });
        return Task.CompletedTask;
    }

    protected override Func<BenchmarkPayload, ValueTask> CreateCaller()
    {
        if (IsTyped)
        {
            var proxy = Services.GetRequiredService<IBenchmarkCommands>();
            return payload => new ValueTask(proxy.Apply(payload));
        }
        var json = new HandWrittenJson();
        return async payload =>
        {
            var response = await Client.SendCommandAsync(new CommandRequest
            {
                Channel = Channel,
                Metadata = Method,
                Body = json.Write(payload),
                Tags = HandWrittenJson.Tags,
            }).ConfigureAwait(false);
            if (!response.Executed)
                throw new KubeMQRemoteException(response.Error ?? "the command was not executed");
        };
    }

    protected override async ValueTask StopCoreAsync()
    {
        if (_subscription is not null)
            await _subscription.DisposeAsync().ConfigureAwait(false);
    }
}
