namespace KubeMQ.Client;

/// <summary>
/// Exponential backoff with jitter used by subscriptions and streams to come back after the broker goes away.
/// The n-th attempt waits about <c>min(MaxDelay, InitialDelay * Multiplier^(n-1))</c>, spread by ± <see cref="Jitter"/>.
/// </summary>
public sealed class KubeMQReconnectPolicy
{
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    public double Multiplier { get; set; } = 2.0;

    /// <summary>Fraction (0..1) by which each delay is randomly stretched or shrunk, so clients do not reconnect in lockstep.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>Consecutive failed attempts after which a subscription gives up; 0 retries forever.</summary>
    public int MaxAttempts { get; set; }

    internal void Validate()
    {
        if (InitialDelay < TimeSpan.Zero)
            throw new KubeMQValidationException("KubeMQReconnectPolicy.InitialDelay", "the delay must not be negative");
        if (MaxDelay < InitialDelay)
            throw new KubeMQValidationException("KubeMQReconnectPolicy.MaxDelay", "the maximum delay must not be shorter than InitialDelay");
        if (Multiplier < 1.0 || double.IsNaN(Multiplier))
            throw new KubeMQValidationException("KubeMQReconnectPolicy.Multiplier", "the multiplier must be at least 1");
        if (Jitter is < 0.0 or > 1.0 || double.IsNaN(Jitter))
            throw new KubeMQValidationException("KubeMQReconnectPolicy.Jitter", "the jitter must be between 0 and 1");
        if (MaxAttempts < 0)
            throw new KubeMQValidationException("KubeMQReconnectPolicy.MaxAttempts", "the attempt count must not be negative (0 means forever)");
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> (1-based).</summary>
    internal TimeSpan DelayBefore(int attempt)
    {
        var exponential = InitialDelay.TotalMilliseconds * Math.Pow(Multiplier, Math.Max(0, attempt - 1));
        var capped = Math.Min(MaxDelay.TotalMilliseconds, exponential);
        var spread = 1.0 + Jitter * (2.0 * Random.Shared.NextDouble() - 1.0);
        return TimeSpan.FromMilliseconds(Math.Max(0, capped * spread));
    }
}
