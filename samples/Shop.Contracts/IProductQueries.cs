using KubeMQ.Typed;

namespace Shop.Contracts;

/// <summary>
/// Queries: the catalog answers product look-ups, and the broker caches each answer for 30 seconds under
/// "product:{id}@{catalogVersion}", so a repeated look-up never reaches the catalog and a new catalog version never
/// sees a stale entry.
/// </summary>
[KubeMQChannel("shop.products", Pattern = KubeMQPattern.Queries, CacheTtl = 30, Timeout = 5000)]
public interface IProductQueries
{
    [CacheKey("product:{id}@{catalogVersion}")]
    Task<Product> GetProduct(int id, string catalogVersion, CancellationToken cancellationToken = default);
}
