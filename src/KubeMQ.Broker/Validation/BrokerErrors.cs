namespace KubeMQ.Broker.Validation;

/// <summary>
/// The exact error texts of KubeMQ (shared/kubemq-protocol.md section 7). Official clients match on these strings,
/// so they are reproduced byte for byte, including the odd spellings and trailing spaces.
/// </summary>
internal static class BrokerErrors
{
    public const string EmptyClientId = "Error 101: invalid clientID value, cannot be empty";
    public const string EmptyChannel = "Error 102: invalid channel value, cannot be empty";
    public const string WildcardsNotAllowed = "Error 107: invalid channel value, no wildcards are allowed";
    public const string WhiteSpaceInChannel = "Error 108: invalid channel value, no white spaces are allowed";
    public const string InvalidTimeout = "Error 109: invalid set timeout value, cannot be 0 or negative";
    public const string EmptyMessage = "Error 110: invalid message, cannot be empty";
    public const string UndefinedSubscriptionType = "Error 111: invalid subscription type, cannot be undefined or 0";
    public const string InvalidStartSequence = "Error 112: invalid subscription type start at sequence value, cannot by 0 or negative";
    public const string InvalidStartTime = "Error 113: invalid subscription type start at time value, cannot by 0 or negative";
    public const string InvalidStartTimeDelta = "Error 114: invalid subscription type start at time delta value, cannot by 0 or negative";
    public const string EmptyRequest = "Error 115: invalid request, cannot be empty";
    public const string InvalidCacheTtl = "Error 116: invalid cache ttl value, cannot be 0 or negative";
    public const string EmptyRequestId = "Error 117: invalid request id, cannot be empty";
    public const string StoreParametersOnNonStoreSubscription = "Error 118: event store parameters were set but subscribe type is not event store";
    public const string ChannelEndsWithDot = "Error 119: invalid channel value, cannot end with `.`";
    public const string InvalidQueueName = "Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot";
    public const string CannotSubscribeToQueue = "Error 121: cannot subscribe to a queue";
    public const string InvalidMaxMessages = "Error 122: max messages should be between 1 and max message setting in kubemq config  ";
    public const string CannotAckCurrentMessage = "Error 123: cannot ack the current message";
    public const string NoActiveMessageToAck = "Error 124: no active message to ack";
    public const string InvalidAckSequence = "Error 125: ack sequence cannot be 0 or negative";
    public const string NoActiveMessageToSend = "Error 126: no active message to send";
    public const string InvalidVisibility = "Error 127: invalid visibility time, cannot be negative or exceed setting in kubemq config";
    public const string QueueSubscriptionAlreadyActive = "Error 128: subscription to queue is already active";
    public const string VisibilityExpired = "Error 129: current visibility timer expired";
    public const string SendToQueueFailed = "Error 130: error during send message to queue";
    public const string InvalidQueueMessage = "Error 131: invalid queue message";
    public const string InvalidStreamRequestType = "Error 132: invalid stream queue messages request type";
    public const string InvalidExpiration = "Error 133: invalid expiration seconds, exceed max expiration seconds setting in kubemq config";
    public const string InvalidMaxReceiveCount = "Error 134: invalid max received count, cannot be negative or exceed max receive count setting in kubemq config";
    public const string InvalidDelay = "Error 135: invalid delay seconds, exceed max delay seconds setting in kubemq config";
    public const string InvalidWaitTimeout = "Error 136: invalid wait timeout, value cannot be negative or exceed max wait timeout seconds setting in kubemq config";
    public const string NoActiveMessageToReject = "Error 137: no active message to reject";
    public const string NoNewMessage = "Error 138: no new message in queue, wait time expired";
    public const string InvalidRequestType = "Error 206: invalid request type";
    public const string InvalidSubscribeType = "Error 207: invalid subscribe type";
    public const string RequestTimeout = "Error 301: timeout for request message";
    public const string ConnectionNotAvailable = "Error 302: connection not available, please retry";
    public const string AuthenticationFailed = "Error 421: authentication verification failed";
    public const string ShuttingDown = "Error 409: server is in shutdown mode";
    public const string NotReady = "grpc server is not ready to accept requests";
}
