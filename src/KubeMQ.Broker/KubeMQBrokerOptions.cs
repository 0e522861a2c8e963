namespace KubeMQ.Broker;

/// <summary>Settings of an embedded broker; the standalone executable maps its command line onto the same object.</summary>
public sealed class KubeMQBrokerOptions
{
    /// <summary>Interface to bind. Loopback by default: the broker is for tests and local development.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to bind; 0 picks a free port (see <see cref="KubeMQBroker.Address"/>).</summary>
    public int Port { get; set; }

    /// <summary>When set, every call must carry this exact value in the <c>authorization</c> metadata.</summary>
    public string? AuthToken { get; set; }

    /// <summary>PEM certificate chain for TLS. TLS is on when this and <see cref="TlsKeyPath"/> are set.</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="TlsCertificatePath"/>.</summary>
    public string? TlsKeyPath { get; set; }

    /// <summary>PEM CA certificate; when set, clients must present a certificate issued by it (mTLS).</summary>
    public string? ClientCaCertificatePath { get; set; }

    /// <summary>Largest accepted message body in bytes (100 MiB, as KubeMQ).</summary>
    public int MaxBodySize { get; set; } = 100 * 1024 * 1024;

    /// <summary>Per-subscriber buffer of plain events; a subscriber whose buffer stays full loses messages (at-most-once).</summary>
    public int EventSubscriberBufferSize { get; set; } = 100;

    /// <summary>How long a full plain-events subscriber buffer is waited on before the message is dropped for it.</summary>
    public TimeSpan SlowSubscriberDeadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Version reported by Ping; at least 3.0.0 so official clients do not warn.</summary>
    public string Version { get; set; } = "3.0.0-embedded";

    /// <summary>Host name reported by Ping.</summary>
    public string HostName { get; set; } = Environment.MachineName;

    /// <summary>Largest QueueMessagePolicy.ExpirationSeconds accepted (Error 133 above it).</summary>
    public int QueueMaxExpirationSeconds { get; set; } = 43200;

    /// <summary>Largest QueueMessagePolicy.DelaySeconds accepted (Error 135 above it).</summary>
    public int QueueMaxDelaySeconds { get; set; } = 43200;

    /// <summary>Largest QueueMessagePolicy.MaxReceiveCount (Error 134 above it); a policy value of 0 means this.</summary>
    public int QueueMaxReceiveCount { get; set; } = 1024;

    /// <summary>Largest MaxNumberOfMessages of one ReceiveQueueMessages call (Error 122 above it).</summary>
    public int QueueMaxReceiveMessages { get; set; } = 1024;

    /// <summary>Largest WaitTimeSeconds of queue receives (Error 136 above it).</summary>
    public int QueueMaxWaitSeconds { get; set; } = 3600;

    /// <summary>
    /// How long an expired queue message that nobody receives stays counted for receives (MessagesExpired) before a
    /// background sweep drops it, so abandoned queues do not hold expired messages forever.
    /// </summary>
    public TimeSpan QueueExpiredRetention { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the background sweep of expired queue messages runs.</summary>
    public TimeSpan QueueExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest VisibilitySeconds of the legacy queue stream (Error 127 above it).</summary>
    public int QueueMaxVisibilitySeconds { get; set; } = 43200;

    internal bool TlsEnabled => !string.IsNullOrEmpty(TlsCertificatePath) && !string.IsNullOrEmpty(TlsKeyPath);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
            throw new ArgumentException("KubeMQBrokerOptions.Host must not be empty.", nameof(Host));
        if (Port is < 0 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "KubeMQBrokerOptions.Port must be between 0 and 65535.");
        if (MaxBodySize <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxBodySize), MaxBodySize, "KubeMQBrokerOptions.MaxBodySize must be positive.");
        if (EventSubscriberBufferSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(EventSubscriberBufferSize), EventSubscriberBufferSize, "KubeMQBrokerOptions.EventSubscriberBufferSize must be positive.");
        if (QueueMaxExpirationSeconds <= 0 || QueueMaxDelaySeconds <= 0 || QueueMaxReceiveCount <= 0
            || QueueMaxReceiveMessages <= 0 || QueueMaxWaitSeconds <= 0 || QueueMaxVisibilitySeconds <= 0)
            throw new ArgumentException("KubeMQBrokerOptions.QueueMax* limits must all be positive.");
        if (QueueExpiredRetention < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(QueueExpiredRetention), QueueExpiredRetention, "KubeMQBrokerOptions.QueueExpiredRetention must not be negative.");
        if (QueueExpirySweepInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(QueueExpirySweepInterval), QueueExpirySweepInterval, "KubeMQBrokerOptions.QueueExpirySweepInterval must be positive.");
        if (string.IsNullOrEmpty(TlsCertificatePath) != string.IsNullOrEmpty(TlsKeyPath))
            throw new ArgumentException("KubeMQBrokerOptions.TlsCertificatePath and TlsKeyPath must be set together.");
        if (!string.IsNullOrEmpty(ClientCaCertificatePath) && !TlsEnabled)
            throw new ArgumentException("KubeMQBrokerOptions.ClientCaCertificatePath (mTLS) requires TlsCertificatePath and TlsKeyPath.");
    }
}
