namespace KubeMQ.Client;

/// <summary>Where an events-store subscription starts reading (the wire values of Subscribe.EventsStoreType).</summary>
public enum EventsStoreStartKind
{
    /// <summary>Not set: a subscription must choose one of the others.</summary>
    Undefined = 0,
    NewOnly = 1,
    FromFirst = 2,
    FromLast = 3,
    AtSequence = 4,
    AtTime = 5,
    AtTimeDelta = 6,
}
