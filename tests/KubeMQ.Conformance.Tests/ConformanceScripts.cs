namespace KubeMQ.Conformance.Tests;

/// <summary>
/// The scripts of tests/Conformance and the scenarios each must report. The list is checked against what a script
/// printed, so a scenario that silently stops running fails the test instead of disappearing. Extra arguments reach
/// the script's scenarios as ctx.params (for example a channel served by a typed .NET responder).
/// </summary>
internal static class ConformanceScripts
{
    public static readonly IReadOnlyDictionary<string, string[]> Scenarios = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["ping.js"] = ["ping-reports-server-state"],
        ["events.js"] =
        [
            "publish-subscribe-fan-out",
            "wildcard-subscriptions",
            "group-of-two-receives-each-message-once",
            "send-events-stream",
            "publish-to-wildcard-channel-is-rejected",
            "publish-empty-event-is-rejected",
        ],
        ["events-store.js"] =
        [
            "start-new-only",
            "start-from-first",
            "start-from-last",
            "start-at-sequence",
            "start-at-time",
            "start-at-time-delta",
            "group-of-two-receives-each-event-once",
            "send-stream-results",
            "subscribe-to-wildcard-channel-is-rejected",
            "undefined-start-position-is-rejected",
            "start-at-sequence-zero-is-rejected",
            "start-at-time-zero-is-rejected",
            "start-at-time-delta-zero-is-rejected",
        ],
        ["commands.js"] =
        [
            "executed-reply",
            "not-executed-reply",
            "timeout-without-responder",
            "group-of-two-responders-each-command-once",
            "send-to-wildcard-channel-is-rejected",
        ],
        ["queries.js"] =
        [
            "reply-body-round-trip",
            "cache-miss-then-hit",
            "cache-entry-expires-after-ttl",
            "cache-key-without-ttl-is-rejected",
            "timeout-without-responder",
        ],
        ["queues.js"] =
        [
            "send-and-receive",
            "send-batch",
            "peek-leaves-messages-in-the-queue",
            "ack-all",
            "delay",
            "expiration",
            "dead-letter-after-max-receive-count",
            "stream-receive-and-ack",
            "stream-reject-redelivers",
            "stream-extend-visibility",
            "stream-visibility-expiry",
            "stream-resend-to-channel",
            "stream-resend-modified-message",
            "stream-receive-from-empty-queue",
            "send-to-wildcard-queue-is-rejected-in-band",
        ],
    };

    /// <summary>Arguments the embedded broker's runs add: this project promises Ping a version of at least 3.0.0.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ExtraArguments = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["ping.js"] = ["--min-version", "3.0.0"],
    };
}
