using KubeMQ.Broker;
using KubeMQ.Typed;
using Microsoft.Extensions.Hosting;

namespace KubeMQ.Conformance.Tests;

/// <summary>
/// The wire format of typed contracts (docs/wire-format.md) is enough for a client in another language: the official
/// kubemq-js client queries a typed .NET responder, generated from <see cref="IConformanceProducts"/> and hosted the
/// way an application hosts it, and gets the typed JSON results and error replies; and it consumes an event that a
/// typed proxy published.
/// </summary>
public sealed class TypedResponderConformanceTests
{
    private static readonly string[] ExpectedScenarios =
    [
        "typed-query-one-argument-is-a-bare-json-value",
        "typed-query-several-arguments-are-an-object-by-parameter-name",
        "typed-query-responder-exception-is-an-error-reply",
        "typed-query-malformed-body-is-an-error-reply",
        "typed-event-from-a-typed-proxy-is-consumed-as-plain-json",
    ];

    [Fact]
    public async Task Kubemq_js_query_to_a_typed_responder_gets_the_typed_json_result_and_error_replies()
    {
        var toolchain = NodeToolchain.Require();
        await NpmDependencies.EnsureInstalledAsync(toolchain, CancellationToken.None);
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services
            .AddKubeMQ(options => options.Address = broker.Address.GetLeftPart(UriPartial.Authority))
            .AddConformanceProductsResponder<ConformanceCatalog>()
            .AddConformanceAnnouncementsClient();
        using var host = builder.Build();
        using (var startup = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            await host.StartAsync(startup.Token);
        try
        {
            var run = await KubeMqJsScript.RunAsync(
                toolchain, "typed-query.js", broker.Address, ["--channel", "typed.conformance.products", "--events-channel", "typed.conformance.announcements"], CancellationToken.None);

            var reported = run.Verdicts.Select(v => v.Scenario).ToList();
            Assert.True(reported.SequenceEqual(ExpectedScenarios),
                $"typed-query.js reported [{string.Join(", ", reported)}]; stderr: {run.Outcome.StandardError}");
            foreach (var verdict in run.Verdicts)
                Assert.True(verdict.Pass, $"{verdict.Scenario}\n  expected: {verdict.Expected}\n  actual:   {verdict.Actual}");
            Assert.Equal(0, run.Outcome.ExitCode);
        }
        finally
        {
            using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(shutdown.Token);
        }
    }

    private sealed class ConformanceCatalog(IConformanceAnnouncements announcements) : IConformanceProductsResponder
    {
        public Task<ConformanceProduct> Get(int id, KubeMQRequestContext context) =>
            Task.FromResult(Product(id));

        public async Task<int> Announce(int id, KubeMQRequestContext context)
        {
            await announcements.Announced(Product(id));
            return id;
        }

        private static ConformanceProduct Product(int id) => new(id, $"Product {id}", id * 1.5m);

        public Task<IReadOnlyList<ConformanceProduct>> Search(string term, int limit, KubeMQRequestContext context) =>
            Task.FromResult<IReadOnlyList<ConformanceProduct>>(
                Enumerable.Range(1, limit).Select(i => new ConformanceProduct(i, $"{term} {i}", i)).ToList());

        public Task<ConformanceProduct> Fail(string reason, KubeMQRequestContext context) =>
            throw new InvalidOperationException($"cannot serve {reason}");
    }
}
