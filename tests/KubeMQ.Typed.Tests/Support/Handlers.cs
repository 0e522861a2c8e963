using KubeMQ.Typed.Tests.Contracts;

namespace KubeMQ.Typed.Tests.Support;

// Implementations of the generated responder/handler interfaces; each records what it saw.

public sealed class ProductCatalog(Recorder recorder) : IProductQueriesResponder
{
    public Task<Product> Get(int id, KubeMQRequestContext context)
    {
        recorder.Add("get", id);
        return Task.FromResult(new Product(id, $"Product {id}", id * 1.5m));
    }

    public Task<IReadOnlyList<Product>> Search(string term, int limit, KubeMQRequestContext context)
    {
        recorder.Add("search", (term, limit));
        IReadOnlyList<Product> found = Enumerable.Range(1, limit).Select(i => new Product(i, $"{term} {i}", i)).ToList();
        return Task.FromResult(found);
    }
}

public sealed class TroubleResponder(Recorder recorder) : ITroubleQueriesResponder
{
    public Task<Product> Fail(string reason, KubeMQRequestContext context) =>
        throw new InvalidOperationException($"cannot serve {reason}");

    public Task<Product> Block(string tag, KubeMQRequestContext context) => Hang(tag, context);

    public async Task<Product> Hang(string tag, KubeMQRequestContext context)
    {
        recorder.Add("hang-started", tag);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            recorder.Add("hang-cancelled", tag);
            throw;
        }
        throw new InvalidOperationException("unreachable: the delay never completes");
    }

    public ValueTask<int> Echo(int value, KubeMQRequestContext context)
    {
        recorder.Add("echo", value);
        return ValueTask.FromResult(value);
    }
}

public sealed class OrderDesk(Recorder recorder) : IOrderCommandsResponder
{
    public Task Place(Guid orderId, string customer, KubeMQRequestContext context)
    {
        recorder.Add("placed", (orderId, customer, context.Method));
        return Task.CompletedTask;
    }

    public Task Reject(string reason, KubeMQRequestContext context) =>
        throw new ArgumentException($"order rejected: {reason}", nameof(reason));
}

public abstract class RecordingOrderEvents(Recorder recorder, string name) : IOrderEventsHandler
{
    public Task Created(OrderCreated order, KubeMQRequestContext context)
    {
        recorder.Add(name, order);
        return Task.CompletedTask;
    }

    public Task Noted(string text, int priority, KubeMQRequestContext context)
    {
        if (priority < 0)
            throw new InvalidOperationException("negative priority");
        recorder.Add(name + "-noted", (text, priority, context.Tags));
        return Task.CompletedTask;
    }
}

public sealed class OrderProjection(Recorder recorder) : RecordingOrderEvents(recorder, "projection");

public sealed class GroupMemberA(Recorder recorder) : RecordingOrderEvents(recorder, "group");

public sealed class GroupMemberB(Recorder recorder) : RecordingOrderEvents(recorder, "group");

public abstract class RecordingAuditLog(Recorder recorder, string name) : IAuditLogHandler
{
    public ValueTask Recorded(AuditEntry entry, KubeMQRequestContext context)
    {
        recorder.Add(name, (entry.Number, context.Sequence));
        return ValueTask.CompletedTask;
    }
}

public sealed class AuditFromSequence(Recorder recorder) : RecordingAuditLog(recorder, "from-sequence");

public sealed class AuditFromFirst(Recorder recorder) : RecordingAuditLog(recorder, "from-first");

public sealed class AuditFromLast(Recorder recorder) : RecordingAuditLog(recorder, "from-last");

public sealed class AuditFromTime(Recorder recorder) : RecordingAuditLog(recorder, "from-time");

public sealed class AuditFromTimeDelta(Recorder recorder) : RecordingAuditLog(recorder, "from-time-delta");

public sealed class CatalogReplicaA(Recorder recorder) : ReplicatedCatalog(recorder);

public sealed class CatalogReplicaB(Recorder recorder) : ReplicatedCatalog(recorder);

public abstract class ReplicatedCatalog(Recorder recorder) : IProductQueriesResponder
{
    public Task<Product> Get(int id, KubeMQRequestContext context)
    {
        recorder.Add("replica", id);
        return Task.FromResult(new Product(id, GetType().Name, 0));
    }

    public Task<IReadOnlyList<Product>> Search(string term, int limit, KubeMQRequestContext context) =>
        Task.FromResult<IReadOnlyList<Product>>([]);
}

public sealed class Resizer(Recorder recorder) : IImageJobsHandler
{
    public Task Resize(ResizeJob job, KubeMQRequestContext context)
    {
        recorder.Add("resize", (job.Image, context.ReceiveCount));
        if (job.Image.StartsWith("poison", StringComparison.Ordinal))
            throw new InvalidOperationException($"cannot resize {job.Image}");
        return Task.CompletedTask;
    }
}
