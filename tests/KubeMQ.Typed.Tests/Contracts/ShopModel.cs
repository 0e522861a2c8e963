using System.Text.Json.Serialization;
using KubeMQ.Typed;
using KubeMQ.Typed.Tests.Contracts;

[assembly: KubeMQJsonContext(typeof(ShopJson))]

namespace KubeMQ.Typed.Tests.Contracts;

public sealed record Product(int Id, string Name, decimal Price);

public sealed record OrderCreated(Guid OrderId, string Customer);

public sealed record AuditEntry(int Number, string Action);

public sealed record ResizeJob(string Image, int Width);

[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(IReadOnlyList<Product>))]
[JsonSerializable(typeof(OrderCreated))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(ResizeJob))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Guid))]
internal sealed partial class ShopJson : JsonSerializerContext;
