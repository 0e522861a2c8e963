namespace Shop.Contracts;

// The messages the shop's contracts carry. Plain records: System.Text.Json's source generator writes their
// (de)serializers into ShopJson, so nothing is reflected over at run time.

public sealed record Product(int Id, string Name, decimal Price, int Stock);

public sealed record NewUser(string Email, string Name);

public sealed record OrderPlaced(string OrderId, string Customer, decimal Total);

public sealed record AuditEntry(string Id, string Actor, string Action);

public sealed record ResizeJob(string JobId, string Image, int Width);
