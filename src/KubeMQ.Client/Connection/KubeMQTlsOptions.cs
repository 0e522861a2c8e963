namespace KubeMQ.Client;

/// <summary>TLS towards the broker: a custom CA to trust and, for mTLS, a client certificate. All files are PEM.</summary>
public sealed class KubeMQTlsOptions
{
    /// <summary>CA that signed the broker's certificate; when null the system trust store decides.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Client certificate presented to the broker (mTLS); needs <see cref="ClientKeyPath"/>.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>Private key of <see cref="ClientCertificatePath"/>.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>Name expected in the broker's certificate when it differs from the address host.</summary>
    public string? ServerName { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrEmpty(ClientCertificatePath) != string.IsNullOrEmpty(ClientKeyPath))
            throw new KubeMQValidationException("KubeMQTlsOptions.ClientCertificatePath", "a client certificate and its key (ClientKeyPath) must be set together");
        foreach (var (field, path) in new[] { ("KubeMQTlsOptions.CaCertificatePath", CaCertificatePath), ("KubeMQTlsOptions.ClientCertificatePath", ClientCertificatePath), ("KubeMQTlsOptions.ClientKeyPath", ClientKeyPath) })
        {
            if (!string.IsNullOrEmpty(path) && !File.Exists(path))
                throw new KubeMQValidationException(field, $"the file '{path}' must exist");
        }
    }
}
