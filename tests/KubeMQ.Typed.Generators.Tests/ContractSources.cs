namespace KubeMQ.Typed.Generators.Tests;

/// <summary>The contract source the tests feed the generator: one contract per pattern plus the types they use.</summary>
internal static class ContractSources
{
    public const string Model = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using KubeMQ.Typed;

        [assembly: KubeMQJsonContext(typeof(Shop.ShopJson))]

        namespace Shop
        {
            public sealed record Product(int Id, string Name, decimal Price);
            public sealed record OrderCreated(Guid OrderId, string Customer);
            public sealed record AuditEntry(string Actor, string Action);
            public sealed record ResizeJob(string Image, int Width);

            // Stands in for a source-generated context: System.Text.Json's own generator does not run in these tests; the
            // generated code needs only the type, its Default instance and GetTypeInfo, and the analyzer reads the
            // [JsonSerializable] list (KMQ0011).
            [JsonSerializable(typeof(Product)), JsonSerializable(typeof(OrderCreated)), JsonSerializable(typeof(ResizeJob))]
            [JsonSerializable(typeof(int)), JsonSerializable(typeof(string)), JsonSerializable(typeof(decimal?))]
            [JsonSerializable(typeof(Guid)), JsonSerializable(typeof(DateTimeOffset)), JsonSerializable(typeof(IReadOnlyList<Product>))]
            public sealed class ShopJson : JsonSerializerContext
            {
                public ShopJson() : base(null) { }
                public static ShopJson Default { get; } = new();
                protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override JsonTypeInfo? GetTypeInfo(Type type) => null;
            }

            [JsonSerializable(typeof(AuditEntry))]
            public sealed class AuditJson : JsonSerializerContext
            {
                public AuditJson() : base(null) { }
                public static AuditJson Default { get; } = new();
                protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override JsonTypeInfo? GetTypeInfo(Type type) => null;
            }
        }
        """;

    public const string Queries = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shop.Contracts
        {
            [KubeMQChannel("queries.products", CacheTtl = 60)]
            public interface IProductQueries
            {
                [CacheKey("product:{id}")]
                Task<Product> Get(int id, CancellationToken ct = default);

                Task<IReadOnlyList<Product>> Search(string term, int limit, CancellationToken cancellationToken = default);

                [KubeMQMethod("price-of"), KubeMQTimeout(2000)]
                ValueTask<decimal?> PriceOf(string? sku);

                Task<int> Count();
            }
        }
        """;

    public const string Commands = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shop.Contracts
        {
            [KubeMQChannel("commands.orders", Timeout = 5000)]
            public interface IOrderCommands
            {
                Task Cancel(Guid orderId, string reason, CancellationToken ct = default);

                ValueTask Ping();
            }
        }
        """;

    public const string Events = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shop.Contracts
        {
            [KubeMQChannel("events.orders", Pattern = KubeMQPattern.Events, Group = "projections")]
            public interface IOrderEvents
            {
                Task Created(OrderCreated e);

                Task Shipped(Guid orderId, DateTimeOffset at, CancellationToken ct = default);
            }
        }
        """;

    public const string EventsStore = """
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shop.Contracts
        {
            [KubeMQChannel("store.audit", Pattern = KubeMQPattern.EventsStore, JsonContext = typeof(AuditJson))]
            internal interface IAuditLog
            {
                ValueTask Recorded(AuditEntry entry, CancellationToken ct = default);
            }
        }
        """;

    public const string Queue = """
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shop.Contracts
        {
            [KubeMQChannel("jobs.images", Pattern = KubeMQPattern.Queue, MaxReceiveCount = 3, DeadLetterQueue = "jobs.images.dead")]
            public interface IImageJobs
            {
                Task Resize(ResizeJob job, CancellationToken ct = default);

                [QueuePolicy(DelaySeconds = 5, MaxReceiveCount = 1)]
                Task Purge(string @class);
            }
        }
        """;
}
