using System.Text.Json.Serialization;
using KubeMQ.Typed;

[assembly: KubeMQJsonContext(typeof(KubeMQ.Observability.Tests.ObservedJson))]

namespace KubeMQ.Observability.Tests;

// Channels of their own (obs.*), so that metrics filtered by destination see only these tests' traffic.

public sealed record Quote(string Sku, decimal Price);

public sealed record Shipment(string Id, int Parcels);

[KubeMQChannel("obs.queries.quotes")]
public interface IQuoteQueries
{
    Task<Quote> Get(string sku, CancellationToken cancellationToken = default);

    Task<Quote> Broken(string sku, CancellationToken cancellationToken = default);
}

[KubeMQChannel("obs.queries.metered")]
public interface IMeteredQueries
{
    Task<Quote> Get(string sku, CancellationToken cancellationToken = default);
}

[KubeMQChannel("obs.events.shipments", Pattern = KubeMQPattern.Events)]
public interface IShipmentEvents
{
    Task Shipped(Shipment shipment);
}

[KubeMQChannel("obs.jobs.labels", Pattern = KubeMQPattern.Queue, MaxReceiveCount = 1)]
public interface ILabelJobs
{
    Task Print(Shipment shipment, CancellationToken cancellationToken = default);
}

[KubeMQChannel("obs.jobs.counted", Pattern = KubeMQPattern.Queue)]
public interface ICountedJobs
{
    Task Run(Shipment shipment, CancellationToken cancellationToken = default);
}

[JsonSerializable(typeof(Quote))]
[JsonSerializable(typeof(Shipment))]
[JsonSerializable(typeof(string))]
internal sealed partial class ObservedJson : JsonSerializerContext;
