using KubeMQ.Broker.Channels;

namespace KubeMQ.Broker.EventsStore;

/// <summary>One events-store channel: its log, its counters and the shared cursors of its consumer groups.</summary>
internal sealed class StoredChannel(TimeProvider time)
{
    private readonly Lock _groupsGate = new();
    private readonly Dictionary<string, GroupMembership> _groups = new(StringComparer.Ordinal);
    private int _subscribers;

    public EventLog Log { get; } = new();

    public ChannelActivity Activity { get; } = new(time);

    public bool IsActive => Volatile.Read(ref _subscribers) > 0;

    public int Subscribers => Volatile.Read(ref _subscribers);

    public void Join() => Interlocked.Increment(ref _subscribers);

    public void Leave() => Interlocked.Decrement(ref _subscribers);

    /// <summary>
    /// The cursor of a consumer group; the first member's start position decides where the group starts, later members
    /// join it where it is. The group is forgotten when its last member leaves.
    /// </summary>
    public EventsStoreCursor JoinGroup(string group, long firstSequence)
    {
        lock (_groupsGate)
        {
            if (!_groups.TryGetValue(group, out var membership))
            {
                membership = new GroupMembership(new EventsStoreCursor(firstSequence));
                _groups.Add(group, membership);
            }
            membership.Members++;
            return membership.Cursor;
        }
    }

    public void LeaveGroup(string group)
    {
        lock (_groupsGate)
        {
            if (_groups.TryGetValue(group, out var membership) && --membership.Members == 0)
                _groups.Remove(group);
        }
    }

    private sealed class GroupMembership(EventsStoreCursor cursor)
    {
        public EventsStoreCursor Cursor { get; } = cursor;

        public int Members { get; set; }
    }
}
