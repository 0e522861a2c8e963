using System.Diagnostics;
using KubeMQ.Broker;
using KubeMQ.Observability.Tests.Support;
using KubeMQ.Typed;

namespace KubeMQ.Observability.Tests;

public sealed class TracingTests
{
    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    [Fact]
    public async Task Typed_query_responder_span_is_a_child_of_the_callers_span_across_the_broker()
    {
        using var spans = new ExportedSpans();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await ObservedHost.StartAsync(broker, kubemq => kubemq.AddQuoteQueriesClient().AddQuoteQueriesResponder<QuoteDesk>());
        await host.WaitForResponderAsync("obs.queries.quotes");

        ActivityTraceId traceId;
        ActivitySpanId rootId;
        using (var root = ExportedSpans.TestSource.StartActivity("checkout"))
        {
            Assert.NotNull(root);
            traceId = root.TraceId;
            rootId = root.SpanId;
            var quote = await host.Get<IQuoteQueries>().Get("lamp");
            Assert.Equal("lamp", quote.Sku);
        }

        var caller = await spans.WaitForAsync(s => s.TraceId == traceId && s.Kind == ActivityKind.Client, "the caller's client span");
        var responder = await spans.WaitForAsync(s => s.TraceId == traceId && s.Kind == ActivityKind.Server, "the responder's server span");
        Assert.Equal(rootId, caller.ParentSpanId);
        Assert.Equal(caller.SpanId, responder.ParentSpanId);
        Assert.Equal("send obs.queries.quotes", caller.DisplayName);
        Assert.Equal("process obs.queries.quotes", responder.DisplayName);
        foreach (var span in new[] { caller, responder })
        {
            Assert.Equal("kubemq", Tag(span, "messaging.system"));
            Assert.Equal("obs.queries.quotes", Tag(span, "messaging.destination.name"));
            Assert.Equal("queries", Tag(span, "kubemq.pattern"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        }
        Assert.Equal("send", Tag(caller, "messaging.operation.type"));
        Assert.Equal("process", Tag(responder, "messaging.operation.type"));
        Assert.Equal("6", Tag(caller, "messaging.message.body.size")); // "lamp" as JSON
        Assert.False(string.IsNullOrEmpty(Tag(responder, "messaging.message.id")));
    }

    [Fact]
    public async Task Failing_responder_marks_its_span_and_the_callers_span_as_errors()
    {
        using var spans = new ExportedSpans();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await ObservedHost.StartAsync(broker, kubemq => kubemq.AddQuoteQueriesClient().AddQuoteQueriesResponder<QuoteDesk>());
        await host.WaitForResponderAsync("obs.queries.quotes");

        ActivityTraceId traceId;
        using (var root = ExportedSpans.TestSource.StartActivity("checkout"))
        {
            traceId = root!.TraceId;
            await Assert.ThrowsAsync<KubeMQResponderException>(() => host.Get<IQuoteQueries>().Broken("lamp"));
        }

        var caller = await spans.WaitForAsync(s => s.TraceId == traceId && s.Kind == ActivityKind.Client, "the caller's client span");
        var responder = await spans.WaitForAsync(s => s.TraceId == traceId && s.Kind == ActivityKind.Server, "the responder's server span");
        Assert.Equal(ActivityStatusCode.Error, responder.Status);
        Assert.Contains("no price for lamp", responder.StatusDescription);
        Assert.Equal("not_executed", Tag(responder, "error.type"));
        Assert.Equal(ActivityStatusCode.Error, caller.Status);
        Assert.Contains("System.InvalidOperationException", caller.StatusDescription);
    }

    [Fact]
    public async Task Event_consumer_span_links_the_producer_span()
    {
        using var spans = new ExportedSpans();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await ObservedHost.StartAsync(broker, kubemq => kubemq.AddShipmentEventsClient().AddShipmentEventsHandler<ShipmentLog>());

        // A plain event reaches only subscribers connected at that moment: publish until the handler has one.
        ActivityContext producer = default;
        var delivered = false;
        for (var attempt = 0; attempt < 40 && !delivered; attempt++)
        {
            var id = $"shipment-{attempt}";
            using (var root = ExportedSpans.TestSource.StartActivity("ship"))
            {
                await host.Get<IShipmentEvents>().Shipped(new Shipment(id, 2));
                producer = root!.Context;
            }
            delivered = await WaitSeenAsync(host.Seen, "shipped", id, TimeSpan.FromMilliseconds(500));
        }
        Assert.True(delivered, "no published event reached the handler");

        var send = await spans.WaitForAsync(s => s.TraceId == producer.TraceId && s.Kind == ActivityKind.Producer, "the producer span");
        var consumer = await spans.WaitForAsync(
            s => s.Kind == ActivityKind.Consumer && s.Links.Any(l => l.Context.SpanId == send.SpanId), "a consumer span linking the producer");
        Assert.Equal(producer.SpanId, send.ParentSpanId);
        Assert.NotEqual(send.TraceId, consumer.TraceId);
        Assert.Equal(default, consumer.ParentSpanId);
        Assert.Equal("process obs.events.shipments", consumer.DisplayName);
        Assert.Equal("events", Tag(consumer, "kubemq.pattern"));
        Assert.Equal("process", Tag(consumer, "messaging.operation.type"));
        Assert.Equal("send obs.events.shipments", send.DisplayName);
    }

    [Fact]
    public async Task Failing_event_handler_marks_its_consumer_span_as_an_error()
    {
        using var spans = new ExportedSpans();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await ObservedHost.StartAsync(broker, kubemq => kubemq.AddShipmentEventsClient().AddShipmentEventsHandler<ShipmentLog>());

        ActivityContext producer = default;
        var delivered = false;
        for (var attempt = 0; attempt < 40 && !delivered; attempt++)
        {
            var id = $"broken-{attempt}";
            using (var root = ExportedSpans.TestSource.StartActivity("ship"))
            {
                await host.Get<IShipmentEvents>().Shipped(new Shipment(id, -1));
                producer = root!.Context;
            }
            delivered = await WaitSeenAsync(host.Seen, "shipped", id, TimeSpan.FromMilliseconds(500));
        }
        Assert.True(delivered, "no published event reached the handler");

        var send = await spans.WaitForAsync(s => s.TraceId == producer.TraceId && s.Kind == ActivityKind.Producer, "the producer span");
        var consumer = await spans.WaitForAsync(
            s => s.Kind == ActivityKind.Consumer && s.Links.Any(l => l.Context.SpanId == send.SpanId), "a consumer span linking the producer");
        Assert.Equal(ActivityStatusCode.Error, consumer.Status);
        Assert.Contains("has no parcels", consumer.StatusDescription);
        Assert.Equal("System.InvalidOperationException", Tag(consumer, "error.type"));
        Assert.Equal(ActivityStatusCode.Unset, send.Status);
    }

    [Fact]
    public async Task Queue_job_span_links_its_sender_and_a_failing_handler_records_an_error()
    {
        using var spans = new ExportedSpans();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await ObservedHost.StartAsync(broker, kubemq => kubemq.AddLabelJobsClient().AddLabelJobsConsumer<LabelPrinter>());

        ActivityContext good, bad;
        using (var root = ExportedSpans.TestSource.StartActivity("labels"))
        {
            await host.Get<ILabelJobs>().Print(new Shipment("good", 1));
            await host.Get<ILabelJobs>().Print(new Shipment("bad", -1));
            good = bad = root!.Context;
        }

        var sends = await WaitForCountAsync(spans, s => s.TraceId == good.TraceId && s.Kind == ActivityKind.Producer, 2);
        var processed = await WaitForCountAsync(spans,
            s => s.Source.Name == KubeMQTypedDiagnostics.ActivitySourceName && s.Links.Any(l => sends.Any(p => p.SpanId == l.Context.SpanId)), 2);
        var failed = Assert.Single(processed, s => s.Status == ActivityStatusCode.Error);
        Assert.Contains("cannot print -1 parcels", failed.StatusDescription);
        Assert.Equal("System.InvalidOperationException", Tag(failed, "error.type"));
        var succeeded = Assert.Single(processed, s => s.Status != ActivityStatusCode.Error);
        Assert.Equal(ActivityKind.Consumer, succeeded.Kind);
        Assert.Equal("process obs.jobs.labels", succeeded.DisplayName);
        Assert.Equal("queues", Tag(succeeded, "kubemq.pattern"));
        Assert.Equal(bad.TraceId, sends[0].TraceId);
    }

    private static async Task<bool> WaitSeenAsync(Seen seen, string key, string value, TimeSpan limit)
    {
        try
        {
            await seen.WaitForAsync(key, value, limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task<IReadOnlyList<Activity>> WaitForCountAsync(ExportedSpans spans, Func<Activity, bool> match, int count)
    {
        await spans.WaitForAsync(_ => spans.Snapshot().Count(match) >= count, $"{count} matching spans");
        return spans.Snapshot().Where(match).ToList();
    }
}
