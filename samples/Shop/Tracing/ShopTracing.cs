#if SHOP_TRACING
using System.Diagnostics;
using KubeMQ.Client;
using KubeMQ.Typed;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Shop.Contracts;

namespace Shop.Tracing;

/// <summary>
/// <c>--trace</c>: after the scenarios, one typed query and one queue job under traces of their own, printed by the
/// OpenTelemetry console exporter. Only those traces are printed (the spans in them, and the spans linked to them,
/// such as the queue consumer's), not the background polling around them. Left out of Shop.Aot, which does not
/// reference OpenTelemetry (SHOP_TRACING is defined by Shop.csproj only).
/// </summary>
public sealed class ShopTracing : IDisposable
{
    public const string Flag = "--trace";

    private static readonly ActivitySource Source = new("Shop");

    private readonly TracerProvider _provider;
    private readonly ShownTraces _shown = new();

    public ShopTracing()
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("shop-sample"))
            .AddSource(Source.Name, KubeMQDiagnostics.ActivitySourceName, KubeMQTypedDiagnostics.ActivitySourceName)
            .AddProcessor(new ShownTracesProcessor(_shown,
                new SimpleActivityExportProcessor(new ConsoleActivityExporter(new ConsoleExporterOptions { Targets = ConsoleExporterOutputTargets.Console }))))
            .Build()!;
    }

    public async Task RunAsync(IServiceProvider services, ShopReport report, ShopRun run, CancellationToken cancellationToken)
    {
        await report.RunStepAsync("trace", "one typed query and one queue job as OpenTelemetry spans (console exporter)",
            ShopScenarios.StepLimit, async (log, token) =>
            {
                using (var query = Source.StartActivity("trace: IProductQueries.GetProduct"))
                {
                    _shown.Add(query);
                    var product = await services.GetRequiredService<IProductQueries>().GetProduct(3, $"{run.Stamp}-trace", token);
                    log.Line($"GetProduct(3) -> {product.Name}: trace {query?.TraceId}");
                }

                var observations = services.GetRequiredService<ShopObservations>();
                var job = new ResizeJob($"{run.Stamp}-trace", "traced.png", 200);
                using (var send = Source.StartActivity("trace: IImageJobs.Resize"))
                {
                    _shown.Add(send);
                    await services.GetRequiredService<IImageJobs>().Resize(job, token);
                    await observations.Resizes.WaitUntilAsync(seen => seen.Any(r => r.JobId == job.JobId && r.Succeeded), "the traced job", token);
                    log.Line($"Resize({job.Image}) -> resized: trace {send?.TraceId}");
                }
            }, cancellationToken);
        // Spans end on other threads (the consumer's settle, the responder's reply); flush before the report ends.
        _provider.ForceFlush(5000);
    }

    public void Dispose() => _provider.Dispose();

    /// <summary>The trace ids to print; a span is printed when it belongs to one or links to one.</summary>
    private sealed class ShownTraces
    {
        private readonly HashSet<ActivityTraceId> _ids = [];

        public void Add(Activity? root)
        {
            if (root is null)
                return;
            lock (_ids)
                _ids.Add(root.TraceId);
        }

        public bool Shows(Activity span)
        {
            lock (_ids)
                return _ids.Contains(span.TraceId) || span.Links.Any(link => _ids.Contains(link.Context.TraceId));
        }
    }

    private sealed class ShownTracesProcessor(ShownTraces shown, BaseProcessor<Activity> inner) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (shown.Shows(data))
                inner.OnEnd(data);
        }

        protected override bool OnForceFlush(int timeoutMilliseconds) => inner.ForceFlush(timeoutMilliseconds);

        protected override bool OnShutdown(int timeoutMilliseconds) => inner.Shutdown(timeoutMilliseconds);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
#endif
