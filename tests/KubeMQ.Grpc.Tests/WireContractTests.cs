using Google.Protobuf.Reflection;
using KubeMQ.Grpc;

namespace KubeMQ.Grpc.Tests;

/// <summary>
/// Pins the compiled wire contract to shared/kubemq-protocol.md sections 2 and 3. The tables below are written from
/// the reference, not from protos/kubemq.proto, so a renumbered, retyped, renamed or missing field fails here.
/// </summary>
public sealed class WireContractTests
{
    private static readonly FileDescriptor File = KubemqReflection.Descriptor;

    // RPC, request, response, kind (U unary, S server stream, C client stream, B bidi), in declaration order.
    private static readonly (string Name, string Request, string Response, char Kind)[] Rpcs =
    [
        ("SendEvent", "Event", "Result", 'U'),
        ("SendEventsStream", "Event", "Result", 'B'),
        ("SubscribeToEvents", "Subscribe", "EventReceive", 'S'),
        ("SubscribeToRequests", "Subscribe", "Request", 'S'),
        ("SendRequest", "Request", "Response", 'U'),
        ("SendResponse", "Response", "Empty", 'U'),
        ("SendQueueMessage", "QueueMessage", "SendQueueMessageResult", 'U'),
        ("SendQueueMessagesBatch", "QueueMessagesBatchRequest", "QueueMessagesBatchResponse", 'U'),
        ("ReceiveQueueMessages", "ReceiveQueueMessagesRequest", "ReceiveQueueMessagesResponse", 'U'),
        ("StreamQueueMessage", "StreamQueueMessagesRequest", "StreamQueueMessagesResponse", 'B'),
        ("AckAllQueueMessages", "AckAllQueueMessagesRequest", "AckAllQueueMessagesResponse", 'U'),
        ("Ping", "Empty", "PingResult", 'U'),
        ("QueuesDownstream", "QueuesDownstreamRequest", "QueuesDownstreamResponse", 'B'),
        ("QueuesUpstream", "QueuesUpstreamRequest", "QueuesUpstreamResponse", 'B'),
        ("QueuesInfo", "QueuesInfoRequest", "QueuesInfoResponse", 'U'),
    ];

    // Message → "Name=number type; ..." in the reference's own notation ("rep X" repeated, "map" map<string,string>,
    // "enum X" / "msg X" for nested types).
    private static readonly Dictionary<string, string> Messages = new()
    {
        ["Empty"] = "",
        ["PingResult"] = "Host=1 string; Version=2 string; ServerStartTime=3 int64; ServerUpTimeSeconds=4 int64",
        ["Result"] = "EventID=1 string; Sent=2 bool; Error=3 string",
        ["Event"] = "EventID=1 string; ClientID=2 string; Channel=3 string; Metadata=4 string; Body=5 bytes; Store=6 bool; Tags=7 map",
        ["EventReceive"] = "EventID=1 string; Channel=2 string; Metadata=3 string; Body=4 bytes; Timestamp=5 int64; Sequence=6 uint64; Tags=7 map",
        ["Subscribe"] = "SubscribeTypeData=1 enum SubscribeType; ClientID=2 string; Channel=3 string; Group=4 string; EventsStoreTypeData=5 enum EventsStoreType; EventsStoreTypeValue=6 int64",
        ["Request"] = "RequestID=1 string; RequestTypeData=2 enum RequestType; ClientID=3 string; Channel=4 string; Metadata=5 string; Body=6 bytes; ReplyChannel=7 string; Timeout=8 int32; CacheKey=9 string; CacheTTL=10 int32; Span=11 bytes; Tags=12 map",
        ["Response"] = "ClientID=1 string; RequestID=2 string; ReplyChannel=3 string; Metadata=4 string; Body=5 bytes; CacheHit=6 bool; Timestamp=7 int64; Executed=8 bool; Error=9 string; Span=10 bytes; Tags=11 map",
        ["QueueMessage"] = "MessageID=1 string; ClientID=2 string; Channel=3 string; Metadata=4 string; Body=5 bytes; Tags=6 map; Attributes=7 msg QueueMessageAttributes; Policy=8 msg QueueMessagePolicy; Topic=9 string; Partition=10 int32; PartitionKey=11 string",
        ["QueueMessagesBatchRequest"] = "BatchID=1 string; Messages=2 rep msg QueueMessage",
        ["QueueMessagesBatchResponse"] = "BatchID=1 string; Results=2 rep msg SendQueueMessageResult; HaveErrors=3 bool",
        ["QueueMessageAttributes"] = "Timestamp=1 int64; Sequence=2 uint64; MD5OfBody=3 string; ReceiveCount=4 int32; ReRouted=5 bool; ReRoutedFromQueue=6 string; ExpirationAt=7 int64; DelayedTo=8 int64",
        ["QueueMessagePolicy"] = "ExpirationSeconds=1 int32; DelaySeconds=2 int32; MaxReceiveCount=3 int32; MaxReceiveQueue=4 string",
        ["SendQueueMessageResult"] = "MessageID=1 string; SentAt=2 int64; ExpirationAt=3 int64; DelayedTo=4 int64; IsError=5 bool; Error=6 string; RefChannel=7 string; RefTopic=8 string; RefPartition=9 int32; RefHash=10 string",
        ["ReceiveQueueMessagesRequest"] = "RequestID=1 string; ClientID=2 string; Channel=3 string; MaxNumberOfMessages=4 int32; WaitTimeSeconds=5 int32; IsPeak=6 bool",
        ["ReceiveQueueMessagesResponse"] = "RequestID=1 string; Messages=2 rep msg QueueMessage; MessagesReceived=3 int32; MessagesExpired=4 int32; IsPeak=5 bool; IsError=6 bool; Error=7 string",
        ["AckAllQueueMessagesRequest"] = "RequestID=1 string; ClientID=2 string; Channel=3 string; WaitTimeSeconds=4 int32",
        ["AckAllQueueMessagesResponse"] = "RequestID=1 string; AffectedMessages=2 uint64; IsError=3 bool; Error=4 string",
        ["StreamQueueMessagesRequest"] = "RequestID=1 string; ClientID=2 string; StreamRequestTypeData=3 enum StreamRequestType; Channel=4 string; VisibilitySeconds=5 int32; WaitTimeSeconds=6 int32; RefSequence=7 uint64; ModifiedMessage=8 msg QueueMessage",
        ["StreamQueueMessagesResponse"] = "RequestID=1 string; StreamRequestTypeData=2 enum StreamRequestType; Message=3 msg QueueMessage; IsError=4 bool; Error=5 string",
        ["QueuesUpstreamRequest"] = "RequestID=1 string; Messages=2 rep msg QueueMessage",
        ["QueuesUpstreamResponse"] = "RefRequestID=1 string; Results=2 rep msg SendQueueMessageResult; IsError=3 bool; Error=4 string",
        ["QueuesDownstreamRequest"] = "RequestID=1 string; ClientID=2 string; RequestTypeData=3 enum QueuesDownstreamRequestType; Channel=4 string; MaxItems=5 int32; WaitTimeout=6 int32; AutoAck=7 bool; ReQueueChannel=8 string; SequenceRange=9 rep int64; RefTransactionId=10 string; Metadata=12 map",
        ["QueuesDownstreamResponse"] = "TransactionId=1 string; RefRequestId=2 string; RequestTypeData=3 enum QueuesDownstreamRequestType; Messages=4 rep msg QueueMessage; ActiveOffsets=5 rep int64; IsError=6 bool; Error=7 string; TransactionComplete=8 bool; Metadata=9 map",
        ["QueueInfo"] = "Name=1 string; Messages=2 int64; Bytes=3 int64; FirstSequence=4 int64; LastSequence=5 int64; Sent=6 int64; Delivered=7 int64; Waiting=8 int64; Subscribers=9 int64",
        ["QueuesInfo"] = "TotalQueue=1 int32; Sent=2 int64; Delivered=3 int64; Waiting=4 int64; Queues=5 rep msg QueueInfo",
        ["QueuesInfoRequest"] = "RequestID=1 string; QueueName=2 string",
        ["QueuesInfoResponse"] = "RefRequestID=1 string; Info=2 msg QueuesInfo",
    };

    private static readonly Dictionary<string, string> Enums = new()
    {
        ["Subscribe.SubscribeType"] = "SubscribeTypeUndefined=0 Events=1 EventsStore=2 Commands=3 Queries=4",
        ["Subscribe.EventsStoreType"] = "EventsStoreTypeUndefined=0 StartNewOnly=1 StartFromFirst=2 StartFromLast=3 StartAtSequence=4 StartAtTime=5 StartAtTimeDelta=6",
        ["Request.RequestType"] = "RequestTypeUnknown=0 Command=1 Query=2",
        ["StreamRequestType"] = "StreamRequestTypeUnknown=0 ReceiveMessage=1 AckMessage=2 RejectMessage=3 ModifyVisibility=4 ResendMessage=5 SendModifiedMessage=6",
        ["QueuesDownstreamRequestType"] = "PollRequestTypeUnknown=0 Get=1 AckAll=2 AckRange=3 NAckAll=4 NAckRange=5 ReQueueAll=6 ReQueueRange=7 ActiveOffsets=8 TransactionStatus=9 CloseByClient=10 CloseByServer=11",
    };

    public static TheoryData<string> MessageNames => [.. Messages.Keys];

    public static TheoryData<string> EnumNames => [.. Enums.Keys];

    [Fact]
    public void Package_and_service_give_the_kubemq_kubemq_method_paths()
    {
        Assert.Equal("kubemq", File.Package);
        var service = Assert.Single(File.Services);
        Assert.Equal("kubemq.kubemq", service.FullName);
        Assert.Equal("/kubemq.kubemq/SendEvent", $"/{service.FullName}/{service.Methods[0].Name}");
    }

    [Fact]
    public void Service_declares_all_fifteen_rpcs_in_reference_order_with_their_types_and_streaming_kinds()
    {
        var methods = File.Services.Single().Methods;
        Assert.Equal(Rpcs.Select(r => r.Name), methods.Select(m => m.Name));
        foreach (var (name, request, response, kind) in Rpcs)
        {
            var method = methods.Single(m => m.Name == name);
            Assert.True(request == method.InputType.Name, $"{name} takes {method.InputType.Name}, expected {request}");
            Assert.True(response == method.OutputType.Name, $"{name} returns {method.OutputType.Name}, expected {response}");
            var actual = (method.IsClientStreaming, method.IsServerStreaming) switch
            {
                (false, false) => 'U',
                (false, true) => 'S',
                (true, false) => 'C',
                (true, true) => 'B',
            };
            Assert.True(kind == actual, $"{name} is of kind {actual}, expected {kind}");
        }
    }

    [Fact]
    public void Every_message_of_the_contract_is_in_the_reference_table()
    {
        var compiled = File.MessageTypes.Select(m => m.Name).Order().ToArray();
        Assert.Equal(Messages.Keys.Order().ToArray(), compiled);
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Message_fields_have_the_reference_numbers_and_types(string message)
    {
        var descriptor = File.MessageTypes.Single(m => m.Name == message);
        var expected = Messages[message].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var actual = descriptor.Fields.InFieldNumberOrder().Select(Describe).ToArray();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(EnumNames))]
    public void Enum_values_have_the_reference_numbers(string name)
    {
        var parts = name.Split('.');
        var descriptor = parts.Length == 1
            ? File.EnumTypes.Single(e => e.Name == parts[0])
            : File.MessageTypes.Single(m => m.Name == parts[0]).EnumTypes.Single(e => e.Name == parts[1]);
        Assert.Equal(Enums[name], string.Join(' ', descriptor.Values.Select(v => $"{v.Name}={v.Number}")));
    }

    [Fact]
    public void Downstream_request_keeps_field_11_unused()
    {
        var descriptor = File.MessageTypes.Single(m => m.Name == "QueuesDownstreamRequest");
        Assert.Null(descriptor.FindFieldByNumber(11));
        Assert.True(descriptor.FindFieldByName("SequenceRange").IsPacked);
    }

    [Fact]
    public void Generated_stubs_round_trip_a_message_by_field_number()
    {
        var request = new Request { RequestID = "r1", RequestTypeData = Request.Types.RequestType.Query, Channel = "q", Timeout = 1000, CacheTTL = 60 };
        request.Tags["k"] = "v";
        var bytes = Google.Protobuf.MessageExtensions.ToByteArray(request);
        // Field 2 (RequestTypeData) as a varint: tag 0x10, value 2.
        Assert.Contains(bytes.Zip(bytes.Skip(1)), pair => pair is (0x10, 0x02));
        Assert.Equal(request, Request.Parser.ParseFrom(bytes));
    }

    private static string Describe(FieldDescriptor field)
    {
        string type;
        if (field.IsMap)
            return $"{field.Name}={field.FieldNumber} map";
        type = field.FieldType switch
        {
            FieldType.String => "string",
            FieldType.Bool => "bool",
            FieldType.Bytes => "bytes",
            FieldType.Int32 => "int32",
            FieldType.Int64 => "int64",
            FieldType.UInt64 => "uint64",
            FieldType.Enum => $"enum {field.EnumType.Name}",
            FieldType.Message => $"msg {field.MessageType.Name}",
            var other => other.ToString(),
        };
        return $"{field.Name}={field.FieldNumber} {(field.IsRepeated ? "rep " : "")}{type}";
    }
}
