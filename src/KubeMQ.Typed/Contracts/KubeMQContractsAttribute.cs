namespace KubeMQ.Typed;

/// <summary>
/// Generates, in this assembly, the proxy, responder/handler interface, binding and registrations of contracts declared
/// in a referenced assembly that was built without the generator:
/// <c>[assembly: KubeMQContracts(typeof(IProductQueries), typeof(IOrderEvents))]</c>. The generated types are internal
/// to this assembly and serialize with the contract's own JsonContext, or else this assembly's
/// <see cref="KubeMQJsonContextAttribute"/>. See docs/typed-contracts.md.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class KubeMQContractsAttribute : Attribute
{
    public KubeMQContractsAttribute(params Type[] contracts)
    {
        Contracts = contracts;
    }

    public IReadOnlyList<Type> Contracts { get; }
}
