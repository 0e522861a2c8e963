using System.Collections.Concurrent;

namespace KubeMQ.Broker.Routing;

/// <summary>
/// Who is subscribed to what, for one routed pattern. Plain channel names are found by dictionary lookup; wildcard
/// patterns are few in practice and are matched token by token. Subscribing and unsubscribing serialize on a lock and
/// publish new immutable snapshots; publishers only read snapshots, so the publish path takes no lock.
/// </summary>
internal sealed class SubscriberRegistry<T>
    where T : class
{
    private readonly Lock _changes = new();
    private readonly ConcurrentDictionary<string, SubscriberSet<T>> _exact = new(StringComparer.Ordinal);
    private volatile WildcardEntry[] _wildcards = [];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(Subscriber<T> subscriber)
    {
        lock (_changes)
        {
            if (subscriber.Pattern.HasWildcards)
            {
                var entries = _wildcards;
                var index = Array.FindIndex(entries, e => e.Pattern.Text == subscriber.Pattern.Text);
                if (index < 0)
                {
                    _wildcards = [.. entries, new WildcardEntry(subscriber.Pattern, SubscriberSet<T>.Empty.With(subscriber))];
                }
                else
                {
                    var copy = (WildcardEntry[])entries.Clone();
                    copy[index] = copy[index] with { Subscribers = copy[index].Subscribers.With(subscriber) };
                    _wildcards = copy;
                }
            }
            else
            {
                var current = _exact.TryGetValue(subscriber.Pattern.Text, out var set) ? set : SubscriberSet<T>.Empty;
                _exact[subscriber.Pattern.Text] = current.With(subscriber);
            }
            _count++;
        }
    }

    public void Remove(Subscriber<T> subscriber)
    {
        lock (_changes)
        {
            if (subscriber.Pattern.HasWildcards)
            {
                var entries = _wildcards;
                var index = Array.FindIndex(entries, e => e.Pattern.Text == subscriber.Pattern.Text);
                if (index < 0)
                    return;
                var remaining = entries[index].Subscribers.Without(subscriber);
                if (remaining.Count == entries[index].Subscribers.Count)
                    return;
                if (remaining.IsEmpty)
                {
                    _wildcards = Array.FindAll(entries, e => e.Pattern.Text != subscriber.Pattern.Text);
                }
                else
                {
                    var copy = (WildcardEntry[])entries.Clone();
                    copy[index] = copy[index] with { Subscribers = remaining };
                    _wildcards = copy;
                }
            }
            else
            {
                if (!_exact.TryGetValue(subscriber.Pattern.Text, out var set))
                    return;
                var remaining = set.Without(subscriber);
                if (remaining.Count == set.Count)
                    return;
                if (remaining.IsEmpty)
                    _exact.TryRemove(subscriber.Pattern.Text, out _);
                else
                    _exact[subscriber.Pattern.Text] = remaining;
            }
            _count--;
        }
    }

    /// <summary>Every ungrouped subscriber whose pattern matches, and one member of each matching group.</summary>
    public void CollectTargets(string channel, List<Subscriber<T>> targets)
    {
        if (_exact.TryGetValue(channel, out var exact))
            exact.CollectTargets(targets);
        foreach (var entry in _wildcards)
        {
            if (entry.Pattern.Matches(channel))
                entry.Subscribers.CollectTargets(targets);
        }
    }

    public bool HasSubscribersFor(string channel)
    {
        if (_exact.ContainsKey(channel))
            return true;
        foreach (var entry in _wildcards)
        {
            if (entry.Pattern.Matches(channel))
                return true;
        }
        return false;
    }

    private sealed record WildcardEntry(SubjectPattern Pattern, SubscriberSet<T> Subscribers);
}
