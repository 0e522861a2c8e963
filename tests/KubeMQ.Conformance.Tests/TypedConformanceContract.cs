using System.Text.Json.Serialization;
using KubeMQ.Typed;

namespace KubeMQ.Conformance.Tests;

// The typed contract that kubemq-js calls in tests/Conformance/typed-query.js (which documents the same shapes).

public sealed record ConformanceProduct(int Id, string Name, decimal Price);

[KubeMQChannel("typed.conformance.products", JsonContext = typeof(TypedConformanceJson))]
public interface IConformanceProducts
{
    Task<ConformanceProduct> Get(int id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ConformanceProduct>> Search(string term, int limit, CancellationToken cancellationToken = default);

    Task<ConformanceProduct> Fail(string reason, CancellationToken cancellationToken = default);

    /// <summary>Publishes <see cref="IConformanceAnnouncements.Announced"/> for product <paramref name="id"/>.</summary>
    Task<int> Announce(int id, CancellationToken cancellationToken = default);
}

[KubeMQChannel("typed.conformance.announcements", Pattern = KubeMQPattern.Events, JsonContext = typeof(TypedConformanceJson))]
public interface IConformanceAnnouncements
{
    Task Announced(ConformanceProduct product);
}

[JsonSerializable(typeof(ConformanceProduct))]
[JsonSerializable(typeof(IReadOnlyList<ConformanceProduct>))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
internal sealed partial class TypedConformanceJson : JsonSerializerContext;
