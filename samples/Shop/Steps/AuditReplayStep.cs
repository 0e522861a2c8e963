using KubeMQ.Client;
using KubeMQ.Typed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Contracts;
using Shop.Handlers;

namespace Shop.Steps;

/// <summary>
/// Events store: five entries are recorded and followed live; then an auditor, started afterwards in its own host,
/// replays the log from the third entry's sequence and must see exactly entries three to five, in order.
/// </summary>
public sealed class AuditReplayStep(IAuditLog audit, ShopObservations observations, ShopRun run) : IShopStep
{
    private const int ReplayFrom = 3;

    private static readonly string[] Actions =
        ["ann registered", "order-1 placed", "order-2 placed", "order-1 shipped", "ann closed the account"];

    public string Name => "events-store";

    public string Title => $"IAuditLog: record {Actions.Length} entries, replay from the {ReplayFrom}rd";

    public async Task RunAsync(StepLog log, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var i = 0; i < Actions.Length; i++)
        {
            var entry = new AuditEntry($"{run.Stamp}-audit-{i + 1}", "shop", Actions[i]);
            await audit.Recorded(entry, cancellationToken);
            ids.Add(entry.Id);
        }
        var live = await observations.AuditTrail.WaitUntilAsync(
            seen => ids.All(id => seen.Any(e => e.EntryId == id)), "every entry on the live audit trail", cancellationToken);
        var sequences = ids.Select(id => live.First(e => e.EntryId == id).Sequence).ToList();
        StepFailedException.ThrowUnless(sequences.Zip(sequences.Skip(1)).All(p => p.Second > p.First),
            $"the entries' sequences {string.Join(", ", sequences)} do not increase in the order they were recorded");
        log.Line($"recorded {ids.Count} entries; the live trail saw sequences {string.Join(", ", sequences)}");

        var start = sequences[ReplayFrom - 1];
        var expected = ids.Skip(ReplayFrom - 1).ToList();
        var replayed = await ReplayAsync(EventsStoreStartPosition.AtSequence(start),
            seen => expected.All(id => seen.Any(e => e.EntryId == id)), cancellationToken);
        var ours = replayed.Where(e => ids.Contains(e.EntryId)).ToList();
        StepFailedException.ThrowUnless(ours.Select(e => e.EntryId).SequenceEqual(expected),
            $"the replay from sequence {start} delivered {string.Join(", ", ours.Select(e => e.EntryId))}, expected {string.Join(", ", expected)}");
        log.Line($"auditor replayed from sequence {start}: {string.Join(", ", ours.Select(e => e.Sequence))}");
    }

    /// <summary>
    /// Runs the auditor as a second, short-lived host with its own client, as a separate process would (handler
    /// options are fixed at registration, and the start position is only known now), until it has seen enough.
    /// </summary>
    private async Task<IReadOnlyList<(string EntryId, ulong Sequence)>> ReplayAsync(EventsStoreStartPosition from,
        Func<IReadOnlyList<(string EntryId, ulong Sequence)>, bool> enough, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(observations);
        builder.Services.AddKubeMQ(options => options.Address = run.BrokerAddress)
            .AddAuditLogHandler<AuditReplay>(options => options.StartPosition = from);
        using var auditor = builder.Build();
        await auditor.StartAsync(cancellationToken);
        try
        {
            return await observations.AuditReplay.WaitUntilAsync(enough, $"the auditor's replay from {from}", cancellationToken);
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await auditor.StopAsync(stopping.Token);
        }
    }
}
