using System.Text.Json;
using Google.Protobuf;
using KubeMQ.Grpc;
using RequestType = KubeMQ.Grpc.Request.Types.RequestType;
using SubscribeType = KubeMQ.Grpc.Subscribe.Types.SubscribeType;

namespace KubeMQ.Broker.Tests;

public sealed class ChannelManagementTests
{
    private static readonly string[] StatKeys = ["messages", "volume", "responses", "waiting", "expired", "delayed"];

    /// <summary>What the official SDKs send: a Query to kubemq.cluster.internal.requests with the operation in Metadata.</summary>
    private static Request Management(string operation, params (string Key, string Value)[] tags)
    {
        var request = new Request
        {
            RequestID = Guid.NewGuid().ToString("N"),
            RequestTypeData = RequestType.Query,
            ClientID = "sdk",
            Channel = "kubemq.cluster.internal.requests",
            Metadata = operation,
            Timeout = 10_000,
        };
        foreach (var (key, value) in tags)
            request.Tags.Add(key, value);
        return request;
    }

    private static async Task<JsonElement[]> ListAsync(BrokerClient kit, string type, string? search = null)
    {
        var tags = search is null ? new[] { ("channel_type", type), ("client_id", "sdk") } : [("channel_type", type), ("channel_search", search)];
        var response = await kit.Client.SendRequestAsync(Management("list-channels", tags));
        Assert.True(response.Executed, response.Error);
        Assert.Equal(string.Empty, response.Error);
        using var document = JsonDocument.Parse(response.Body.ToStringUtf8());
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Theory]
    [InlineData("events")]
    [InlineData("events_store")]
    [InlineData("commands")]
    [InlineData("queries")]
    [InlineData("queues")]
    public async Task Create_list_and_delete_work_for_every_channel_type(string type)
    {
        await using var kit = await BrokerClient.StartAsync();

        Assert.Empty(await ListAsync(kit, type));
        var created = await kit.Client.SendRequestAsync(Management("create-channel", ("channel_type", type), ("channel", "orders"), ("client_id", "sdk")));
        var listed = await ListAsync(kit, type);
        var deleted = await kit.Client.SendRequestAsync(Management("delete-channel", ("channel_type", type), ("channel", "orders")));
        var afterDelete = await ListAsync(kit, type);

        Assert.True(created.Executed, created.Error);
        Assert.Equal(string.Empty, created.Error);
        var row = Assert.Single(listed);
        Assert.Equal("orders", row.GetProperty("name").GetString());
        Assert.Equal(type, row.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Number, row.GetProperty("lastActivity").ValueKind);
        Assert.False(row.GetProperty("isActive").GetBoolean());
        foreach (var direction in new[] { "incoming", "outgoing" })
        {
            foreach (var key in StatKeys)
                Assert.Equal(0, row.GetProperty(direction).GetProperty(key).GetInt64());
        }
        Assert.True(deleted.Executed, deleted.Error);
        Assert.Empty(afterDelete);
    }

    [Fact]
    public async Task The_same_name_in_two_channel_types_names_two_channels()
    {
        await using var kit = await BrokerClient.StartAsync();

        await kit.Client.SendRequestAsync(Management("create-channel", ("channel_type", "events"), ("channel", "shared")));

        Assert.Single(await ListAsync(kit, "events"));
        Assert.Empty(await ListAsync(kit, "events_store"));
        Assert.Empty(await ListAsync(kit, "queries"));
    }

    [Fact]
    public async Task An_empty_list_is_an_empty_json_array()
    {
        await using var kit = await BrokerClient.StartAsync();

        var response = await kit.Client.SendRequestAsync(Management("list-channels", ("channel_type", "events")));

        Assert.True(response.Executed);
        Assert.Equal("[]", response.Body.ToStringUtf8());
    }

    [Fact]
    public async Task The_list_reports_real_event_counters_activity_and_time_in_unix_milliseconds()
    {
        await using var kit = await BrokerClient.StartAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var subscription = kit.Client.SubscribeToEvents(new Subscribe { SubscribeTypeData = SubscribeType.Events, ClientID = "s", Channel = "metrics" });
        await Eventually.HoldsAsync(() => kit.Engines.Events.SubscriberCount == 1, "the subscriber is registered");

        await kit.Client.SendEventAsync(new Event { ClientID = "c", Channel = "metrics", Body = ByteString.CopyFromUtf8("abc") });
        await kit.Client.SendEventAsync(new Event { ClientID = "c", Channel = "metrics", Body = ByteString.CopyFromUtf8("defg") });
        await subscription.ResponseStream.TakeAsync(2);

        var row = Assert.Single(await ListAsync(kit, "events"));
        Assert.True(row.GetProperty("isActive").GetBoolean());
        Assert.InRange(row.GetProperty("lastActivity").GetInt64(), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(2, row.GetProperty("incoming").GetProperty("messages").GetInt64());
        Assert.Equal(7, row.GetProperty("incoming").GetProperty("volume").GetInt64());
        Assert.Equal(2, row.GetProperty("outgoing").GetProperty("messages").GetInt64());
        Assert.Equal(7, row.GetProperty("outgoing").GetProperty("volume").GetInt64());
    }

    [Fact]
    public async Task The_list_reports_events_store_and_query_counters()
    {
        await using var kit = await BrokerClient.StartAsync();
        await kit.Client.SendEventAsync(new Event { ClientID = "c", Channel = "log", Body = ByteString.CopyFromUtf8("12345"), Store = true });
        using (await Responder.StartAsync(kit, SubscribeType.Queries, "ask", _ => new Response { Executed = true }))
        {
            await kit.Client.SendRequestAsync(new Request { RequestTypeData = RequestType.Query, ClientID = "c", Channel = "ask", Body = ByteString.CopyFromUtf8("??"), Timeout = 5000 });
        }

        var stored = Assert.Single(await ListAsync(kit, "events_store"));
        var queries = Assert.Single(await ListAsync(kit, "queries"));

        Assert.Equal(1, stored.GetProperty("incoming").GetProperty("messages").GetInt64());
        Assert.Equal(5, stored.GetProperty("incoming").GetProperty("volume").GetInt64());
        Assert.Equal(1, queries.GetProperty("incoming").GetProperty("messages").GetInt64());
        Assert.Equal(2, queries.GetProperty("incoming").GetProperty("volume").GetInt64());
        Assert.Equal(1, queries.GetProperty("outgoing").GetProperty("messages").GetInt64());
        Assert.Equal(1, queries.GetProperty("incoming").GetProperty("responses").GetInt64());
        Assert.Equal(1, queries.GetProperty("outgoing").GetProperty("responses").GetInt64());
    }

    [Fact]
    public async Task A_channel_is_active_while_a_subscription_listens_to_it()
    {
        await using var kit = await BrokerClient.StartAsync();
        var stored = kit.Client.SubscribeToEvents(new Subscribe
        {
            SubscribeTypeData = SubscribeType.EventsStore,
            ClientID = "s",
            Channel = "audit",
            EventsStoreTypeData = Subscribe.Types.EventsStoreType.StartNewOnly,
        });
        var commands = await Responder.StartAsync(kit, SubscribeType.Commands, "jobs", _ => null);
        await Eventually.HoldsAsync(() => kit.Engines.EventsStore.SubscriberCount == 1, "the events-store subscription is registered");

        Assert.True(Assert.Single(await ListAsync(kit, "events_store")).GetProperty("isActive").GetBoolean());
        Assert.True(Assert.Single(await ListAsync(kit, "commands")).GetProperty("isActive").GetBoolean());

        stored.Dispose();
        commands.Dispose();
        await Eventually.HoldsAsync(() => kit.Engines.EventsStore.SubscriberCount == 0 && kit.Engines.Commands.SubscriberCount == 0, "the subscriptions ended");
        Assert.False(Assert.Single(await ListAsync(kit, "events_store")).GetProperty("isActive").GetBoolean());
        Assert.False(Assert.Single(await ListAsync(kit, "commands")).GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task Channel_search_is_a_case_sensitive_substring_and_empty_means_all()
    {
        await using var kit = await BrokerClient.StartAsync();
        foreach (var name in new[] { "orders.eu", "orders.us", "Orders.archive", "billing" })
            await kit.Client.SendRequestAsync(Management("create-channel", ("channel_type", "queries"), ("channel", name)));

        var matching = await ListAsync(kit, "queries", "orders");
        var all = await ListAsync(kit, "queries", "");

        Assert.Equal(["orders.eu", "orders.us"], matching.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(4, all.Length);
    }

    [Theory]
    [InlineData("list-channels", "topics", "orders", "channel_type")]
    [InlineData("create-channel", "", "orders", "channel_type")]
    [InlineData("rename-channel", "events", "orders", "rename-channel")]
    [InlineData("create-channel", "events", "", "Error 102")]
    [InlineData("create-channel", "events", "bad.*", "Error 107")]
    [InlineData("delete-channel", "events", "never-created", "not found")]
    public async Task Bad_management_requests_answer_executed_false_with_an_error(string operation, string type, string channel, string errorMentions)
    {
        await using var kit = await BrokerClient.StartAsync();

        var response = await kit.Client.SendRequestAsync(Management(operation, ("channel_type", type), ("channel", channel)));

        Assert.False(response.Executed);
        Assert.Contains(errorMentions, response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_management_response_echoes_the_request_id()
    {
        await using var kit = await BrokerClient.StartAsync();
        var request = Management("list-channels", ("channel_type", "events"));

        var response = await kit.Client.SendRequestAsync(request);

        Assert.Equal(request.RequestID, response.RequestID);
        Assert.True(response.Timestamp > 0);
    }
}
