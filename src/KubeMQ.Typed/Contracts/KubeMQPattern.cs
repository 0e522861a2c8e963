namespace KubeMQ.Typed;

/// <summary>The KubeMQ messaging pattern a contract interface speaks.</summary>
public enum KubeMQPattern
{
    /// <summary>
    /// Not declared: the generator infers it from the methods' return types — all <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>
    /// means <see cref="Queries"/>, all <c>Task</c>/<c>ValueTask</c> means <see cref="Commands"/>.
    /// </summary>
    Inferred = 0,
    /// <summary>Pub/sub, at most once, no storage.</summary>
    Events = 1,
    /// <summary>Persistent pub/sub with per-channel sequences and replay.</summary>
    EventsStore = 2,
    /// <summary>Request/reply where the reply says only whether the command executed (and may carry a result).</summary>
    Commands = 3,
    /// <summary>Request/reply with a result, optionally cached by the broker.</summary>
    Queries = 4,
    /// <summary>At-least-once queue with delivery policies and dead-letter.</summary>
    Queue = 5,
}
