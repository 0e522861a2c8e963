namespace KubeMQ.Broker.Queues;

/// <summary>
/// Error texts of QueuesDownstream (shared/kubemq-protocol.md section 5.4), byte for byte including trailing spaces.
/// The nack and requeue variants of the range errors are this broker's own, modelled on the ack ones.
/// </summary>
internal static class DownstreamErrors
{
    public const string TransactionNotFound = "transaction is completed or transaction id not found";
    public const string AckOnClosed = "cannot ack messages with closed response ";
    public const string NackOnClosed = "cannot nack messages with closed response ";
    public const string RequeueOnClosed = "cannot requeue messages with closed response ";
    public const string ActiveOffsetsOnClosed = "cannot get active offsets with closed response ";
    public const string RequeueWithoutDestination = "cannot requeue messages with empty channel destination ";
    public const string AckEmptyRange = "cannot ack empty list of of offsets";
    public const string NackEmptyRange = "cannot nack empty list of of offsets";
    public const string RequeueEmptyRange = "cannot requeue empty list of of offsets";
    public const string UnknownRequest = "request unknown";
    public const string NoMessagesToSend = "no messages to send";

    public static string InvalidAckSequence(long sequence) => $"invalid ack sequence id {sequence}";

    public static string InvalidNackSequence(long sequence) => $"invalid nack sequence id {sequence}";

    public static string InvalidRequeueSequence(long sequence) => $"invalid requeue sequence id {sequence}";
}
