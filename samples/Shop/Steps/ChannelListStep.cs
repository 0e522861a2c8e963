using KubeMQ.Client;

namespace Shop.Steps;

/// <summary>Channel management: every channel the other steps used is listed by the broker under its pattern.</summary>
public sealed class ChannelListStep(KubeMQClient client) : IShopStep
{
    private static readonly (ChannelType Type, string Channel)[] Expected =
    [
        (ChannelType.Queries, "shop.products"),
        (ChannelType.Commands, "shop.users"),
        (ChannelType.Events, "shop.events.orders"),
        (ChannelType.EventsStore, "shop.audit"),
        (ChannelType.Queues, "shop.images"),
        (ChannelType.Queues, "shop.images.dead"),
    ];

    public string Name => "channels";

    public string Title => "the broker's channel list (search \"shop.\")";

    public async Task RunAsync(StepLog log, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var type in Enum.GetValues<ChannelType>())
        {
            var channels = await client.ListChannelsAsync(type, "shop.", cancellationToken);
            log.Line($"{type,-11} " + (channels.Count == 0
                ? "(none)"
                : string.Join(", ", channels.OrderBy(c => c.Name, StringComparer.Ordinal)
                    .Select(c => $"{c.Name} (in {c.Incoming.Messages}, out {c.Outgoing.Messages})"))));
            missing.AddRange(Expected
                .Where(e => e.Type == type && !channels.Any(c => c.Name == e.Channel))
                .Select(e => $"{e.Channel} ({type})"));
        }
        StepFailedException.ThrowUnless(missing.Count == 0, $"the list lacks {string.Join(", ", missing)}");
    }
}
