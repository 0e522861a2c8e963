using KubeMQ.Typed;
using KubeMQ.Observability.Tests.Support;

namespace KubeMQ.Observability.Tests;

public sealed class QuoteDesk(Seen seen) : IQuoteQueriesResponder
{
    public Task<Quote> Get(string sku, KubeMQRequestContext context)
    {
        seen.Add("quote", sku);
        return Task.FromResult(new Quote(sku, 9.5m));
    }

    public Task<Quote> Broken(string sku, KubeMQRequestContext context) =>
        throw new InvalidOperationException($"no price for {sku}");
}

public sealed class ShipmentLog(Seen seen) : IShipmentEventsHandler
{
    public Task Shipped(Shipment shipment, KubeMQRequestContext context)
    {
        seen.Add("shipped", shipment.Id);
        return shipment.Parcels < 0
            ? throw new InvalidOperationException($"shipment {shipment.Id} has no parcels")
            : Task.CompletedTask;
    }
}

public sealed class LabelPrinter(Seen seen) : ILabelJobsHandler
{
    public Task Print(Shipment shipment, KubeMQRequestContext context)
    {
        seen.Add("print", shipment.Id);
        if (shipment.Parcels < 0)
            throw new InvalidOperationException($"cannot print {shipment.Parcels} parcels");
        return Task.CompletedTask;
    }
}

public sealed class CountedRunner(Seen seen) : ICountedJobsHandler
{
    public Task Run(Shipment shipment, KubeMQRequestContext context)
    {
        seen.Add("run", shipment.Id);
        return Task.CompletedTask;
    }
}

public sealed class MeteredDesk : IMeteredQueriesResponder
{
    public Task<Quote> Get(string sku, KubeMQRequestContext context) => Task.FromResult(new Quote(sku, 1m));
}
