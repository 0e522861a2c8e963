using KubeMQ.Typed;
using Shop.Contracts;

namespace Shop.Handlers;

/// <summary>Answers product queries; every call it gets is a cache miss (hits never leave the broker).</summary>
public sealed class ProductCatalog(ShopObservations observations) : IProductQueriesResponder
{
    private static readonly Dictionary<int, Product> Products = new()
    {
        [1] = new Product(1, "Desk lamp", 24.90m, 12),
        [2] = new Product(2, "Office chair", 149.00m, 3),
        [3] = new Product(3, "Notebook", 3.50m, 240),
    };

    public Task<Product> GetProduct(int id, string catalogVersion, KubeMQRequestContext context)
    {
        observations.CatalogLookups.Add(id);
        return Products.TryGetValue(id, out var product)
            ? Task.FromResult(product)
            : throw new KeyNotFoundException($"No product {id} in catalog {catalogVersion}.");
    }
}
