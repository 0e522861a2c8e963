namespace KubeMQ.Broker.Routing;

/// <summary>A consumer group: each message goes to one member, taken in turn.</summary>
internal sealed class SubscriberGroup<T>(string name, Subscriber<T>[] members)
    where T : class
{
    private int _turn;

    public string Name { get; } = name;

    public Subscriber<T>[] Members { get; } = members;

    public Subscriber<T> Pick()
    {
        var turn = (uint)Interlocked.Increment(ref _turn);
        return Members[turn % (uint)Members.Length];
    }

    public SubscriberGroup<T> With(Subscriber<T> member) => new(Name, [.. Members, member]);

    public SubscriberGroup<T>? Without(Subscriber<T> member)
    {
        var remaining = Array.FindAll(Members, m => m != member);
        return remaining.Length == 0 ? null : new SubscriberGroup<T>(Name, remaining);
    }
}
