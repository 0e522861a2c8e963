using System.Text.Json.Serialization;
using KubeMQ.Typed;
using Shop.Contracts;

// Every contract in this assembly (de)serializes its parameters and results with ShopJson.
[assembly: KubeMQJsonContext(typeof(ShopJson))]

namespace Shop.Contracts;

/// <summary>
/// The source-generated JSON context for every parameter and result type of the shop's contracts; the typed layer
/// reads <see cref="System.Text.Json.Serialization.Metadata.JsonTypeInfo{T}"/> from it, never reflection.
/// </summary>
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(NewUser))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(ResizeJob))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
public sealed partial class ShopJson : JsonSerializerContext;
