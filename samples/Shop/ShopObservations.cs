namespace Shop;

/// <summary>
/// What the responders and handlers saw, so the steps can check each message arrived where it should. Handlers are
/// scoped (one instance per message), so what they see is kept here, in a singleton.
/// </summary>
public sealed class ShopObservations
{
    public Observed<int> CatalogLookups { get; } = new();

    public Observed<string> UserCommands { get; } = new();

    public Observed<(string Station, string OrderId)> Packed { get; } = new();

    public Observed<(string Channel, string OrderId)> Feed { get; } = new();

    public Observed<(string EntryId, ulong Sequence)> AuditTrail { get; } = new();

    public Observed<(string EntryId, ulong Sequence)> AuditReplay { get; } = new();

    public Observed<(string JobId, int Delivery, bool Succeeded)> Resizes { get; } = new();
}
