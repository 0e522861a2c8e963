namespace KubeMQ.Broker.Routing;

/// <summary>
/// The subscriptions of one subject pattern: an immutable snapshot replaced on every subscribe or unsubscribe, so
/// publishers read it without a lock.
/// </summary>
internal sealed class SubscriberSet<T>
    where T : class
{
    public static readonly SubscriberSet<T> Empty = new([], []);

    private SubscriberSet(Subscriber<T>[] ungrouped, SubscriberGroup<T>[] groups)
    {
        Ungrouped = ungrouped;
        Groups = groups;
    }

    public Subscriber<T>[] Ungrouped { get; }

    public SubscriberGroup<T>[] Groups { get; }

    public bool IsEmpty => Ungrouped.Length == 0 && Groups.Length == 0;

    public int Count
    {
        get
        {
            var count = Ungrouped.Length;
            foreach (var group in Groups)
                count += group.Members.Length;
            return count;
        }
    }

    public SubscriberSet<T> With(Subscriber<T> subscriber)
    {
        if (subscriber.Group.Length == 0)
            return new SubscriberSet<T>([.. Ungrouped, subscriber], Groups);
        var index = Array.FindIndex(Groups, g => g.Name == subscriber.Group);
        if (index < 0)
            return new SubscriberSet<T>(Ungrouped, [.. Groups, new SubscriberGroup<T>(subscriber.Group, [subscriber])]);
        var groups = (SubscriberGroup<T>[])Groups.Clone();
        groups[index] = groups[index].With(subscriber);
        return new SubscriberSet<T>(Ungrouped, groups);
    }

    public SubscriberSet<T> Without(Subscriber<T> subscriber)
    {
        if (subscriber.Group.Length == 0)
            return new SubscriberSet<T>(Array.FindAll(Ungrouped, s => s != subscriber), Groups);
        var groups = new List<SubscriberGroup<T>>(Groups.Length);
        foreach (var group in Groups)
        {
            if (group.Name != subscriber.Group)
            {
                groups.Add(group);
                continue;
            }
            var remaining = group.Without(subscriber);
            if (remaining is not null)
                groups.Add(remaining);
        }
        return new SubscriberSet<T>(Ungrouped, [.. groups]);
    }

    /// <summary>Adds every ungrouped subscriber and one member of each group.</summary>
    public void CollectTargets(List<Subscriber<T>> targets)
    {
        targets.AddRange(Ungrouped);
        foreach (var group in Groups)
            targets.Add(group.Pick());
    }
}
