using KubeMQ.Typed;
using Shop.Contracts;

namespace Shop.Handlers;

/// <summary>The auditor: started later, it replays the audit log from a chosen sequence.</summary>
public sealed class AuditReplay(ShopObservations observations) : IAuditLogHandler
{
    public Task Recorded(AuditEntry entry, KubeMQRequestContext context)
    {
        observations.AuditReplay.Add((entry.Id, context.Sequence));
        return Task.CompletedTask;
    }
}
