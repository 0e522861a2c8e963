using KubeMQ.Typed;
using Shop.Contracts;

namespace Shop.Handlers;

/// <summary>Follows the audit log live (new entries only) and notes each entry's sequence.</summary>
public sealed class AuditTrail(ShopObservations observations) : IAuditLogHandler
{
    public Task Recorded(AuditEntry entry, KubeMQRequestContext context)
    {
        observations.AuditTrail.Add((entry.Id, context.Sequence));
        return Task.CompletedTask;
    }
}
