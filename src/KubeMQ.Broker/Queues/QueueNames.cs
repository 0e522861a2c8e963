namespace KubeMQ.Broker.Queues;

/// <summary>The queue-name rule of KubeMQ (Error 120): not empty, no white space, no wildcards, no trailing dot.</summary>
internal static class QueueNames
{
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name[^1] == '.')
            return false;
        foreach (var c in name)
        {
            if (c is '*' or '>' || char.IsWhiteSpace(c))
                return false;
        }
        return true;
    }
}
