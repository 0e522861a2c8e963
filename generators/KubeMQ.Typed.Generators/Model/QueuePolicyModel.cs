namespace KubeMQ.Typed.Generators.Model
{
    /// <summary>A queue method's delivery policy after merging the contract's defaults with [QueuePolicy].</summary>
    internal sealed record QueuePolicyModel(int DelaySeconds, int ExpirationSeconds, int MaxReceiveCount, string? DeadLetterQueue)
    {
        public bool IsEmpty => DelaySeconds == 0 && ExpirationSeconds == 0 && MaxReceiveCount == 0 && string.IsNullOrEmpty(DeadLetterQueue);
    }
}
