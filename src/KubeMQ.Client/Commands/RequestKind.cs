namespace KubeMQ.Client;

/// <summary>Whether a received request is a command or a query (the wire's Request.RequestType).</summary>
public enum RequestKind
{
    Command = 1,
    Query = 2,
}
