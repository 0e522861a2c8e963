using KubeMQ.Typed;

namespace KubeMQ.Typed.Tests.Contracts;

// One contract per pattern, as a user would write them.

[KubeMQChannel("typed.queries.products", CacheTtl = 60)]
public interface IProductQueries
{
    [CacheKey("product:{id}")]
    Task<Product> Get(int id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Product>> Search(string term, int limit, CancellationToken cancellationToken = default);
}

[KubeMQChannel("typed.queries.troubles")]
public interface ITroubleQueries
{
    Task<Product> Fail(string reason, CancellationToken cancellationToken = default);

    [KubeMQTimeout(1000)]
    Task<Product> Hang(string tag, CancellationToken cancellationToken = default);

    [KubeMQTimeout(30000)]
    Task<Product> Block(string tag, CancellationToken cancellationToken = default);

    ValueTask<int> Echo(int value);
}

[KubeMQChannel("typed.commands.orders", Timeout = 10000)]
public interface IOrderCommands
{
    Task Place(Guid orderId, string customer, CancellationToken cancellationToken = default);

    [KubeMQMethod("reject-order")]
    Task Reject(string reason, CancellationToken cancellationToken = default);
}

[KubeMQChannel("typed.events.orders", Pattern = KubeMQPattern.Events)]
public interface IOrderEvents
{
    Task Created(OrderCreated order);

    Task Noted(string text, int priority);
}

[KubeMQChannel("typed.store.audit", Pattern = KubeMQPattern.EventsStore)]
public interface IAuditLog
{
    ValueTask Recorded(AuditEntry entry, CancellationToken cancellationToken = default);
}

[KubeMQChannel("typed.jobs.images", Pattern = KubeMQPattern.Queue, MaxReceiveCount = 2, DeadLetterQueue = "typed.jobs.images.dead")]
public interface IImageJobs
{
    Task Resize(ResizeJob job, CancellationToken cancellationToken = default);
}
