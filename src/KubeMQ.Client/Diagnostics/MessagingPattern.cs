namespace KubeMQ.Client;

/// <summary>The kubemq.pattern attribute values: which of the five patterns an operation belongs to.</summary>
internal static class MessagingPattern
{
    public const string Events = "events";
    public const string EventsStore = "events_store";
    public const string Commands = "commands";
    public const string Queries = "queries";
    public const string Queues = "queues";
}
