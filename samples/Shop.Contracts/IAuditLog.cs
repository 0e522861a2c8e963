using KubeMQ.Typed;

namespace Shop.Contracts;

/// <summary>
/// Events store: the audit log keeps every entry with a per-channel sequence, so an auditor that starts later can
/// replay it from any position (a sequence, the first or last entry, a time).
/// </summary>
[KubeMQChannel("shop.audit", Pattern = KubeMQPattern.EventsStore)]
public interface IAuditLog
{
    Task Recorded(AuditEntry entry, CancellationToken cancellationToken = default);
}
