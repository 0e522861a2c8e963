using Shop.Contracts;

namespace Shop.Steps;

/// <summary>Queries with the broker cache: the first look-up reaches the catalog, the repeat is answered by the broker.</summary>
public sealed class ProductQueriesStep(IProductQueries products, ShopObservations observations, ShopRun run) : IShopStep
{
    public string Name => "queries";

    public string Title => "IProductQueries.GetProduct through the broker's query cache";

    public async Task RunAsync(StepLog log, CancellationToken cancellationToken)
    {
        var version = run.Stamp;
        var first = await products.GetProduct(1, version, cancellationToken);
        StepFailedException.ThrowUnless(observations.CatalogLookups.Snapshot().Count == 1,
            "the first GetProduct(1) did not reach ProductCatalog exactly once");
        log.Line($"GetProduct(1) -> {Describe(first)}  cache miss: ProductCatalog answered (lookups: 1)");

        var again = await products.GetProduct(1, version, cancellationToken);
        var lookups = observations.CatalogLookups.Snapshot().Count;
        StepFailedException.ThrowUnless(again == first, $"the repeated GetProduct(1) returned {again}, not {first}");
        StepFailedException.ThrowUnless(lookups == 1,
            "the repeated GetProduct(1) reached ProductCatalog again: the broker did not answer from its cache");
        log.Line($"GetProduct(1) -> {Describe(again)}  cache hit: the broker answered (lookups still 1)");

        var other = await products.GetProduct(2, version, cancellationToken);
        StepFailedException.ThrowUnless(observations.CatalogLookups.Snapshot().Count == 2,
            "GetProduct(2) has its own cache key, so it should have reached ProductCatalog");
        log.Line($"GetProduct(2) -> {Describe(other)}  cache miss: another key (lookups: 2)");
    }

    private static string Describe(Product product) => $"{product.Name}, {product.Price:0.00}, {product.Stock} in stock";
}
