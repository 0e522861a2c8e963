namespace KubeMQ.Client;

/// <summary>
/// Attribute names and values of the OpenTelemetry messaging semantic conventions (plus a few kubemq.* ones), shared
/// by spans and metrics so both describe an operation the same way.
/// </summary>
internal static class MessagingAttributes
{
    public const string System = "messaging.system";
    public const string SystemValue = "kubemq";
    public const string DestinationName = "messaging.destination.name";
    public const string OperationType = "messaging.operation.type";
    public const string OperationName = "messaging.operation.name";
    public const string MessageId = "messaging.message.id";
    public const string ConsumerGroup = "messaging.consumer.group.name";
    public const string BodySize = "messaging.message.body.size";
    public const string BatchCount = "messaging.batch.message_count";
    public const string ClientId = "messaging.client.id";
    public const string ErrorType = "error.type";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string Pattern = "kubemq.pattern";

    // messaging.operation.type values.
    public const string Send = "send";
    public const string Receive = "receive";
    public const string Process = "process";
}
