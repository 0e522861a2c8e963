using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KubeMQ.Client.Tests;

/// <summary>A throwaway PKI (ECDSA P-256, quick to generate) written as PEM files: a CA, a broker certificate for 127.0.0.1 and a client certificate.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubemq-client-tls-").FullName;
    private readonly DateTimeOffset _notBefore = DateTimeOffset.UtcNow.AddDays(-1);
    private readonly DateTimeOffset _notAfter = DateTimeOffset.UtcNow.AddDays(30);

    public TestCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=KubeMQ Test CA " + Guid.NewGuid().ToString("N")[..6], caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(_notBefore, _notAfter.AddDays(1));

        CaPath = Write("ca.pem", ca.ExportCertificatePem());
        (ServerCertificatePath, ServerKeyPath) = Issue(ca, "server", "CN=127.0.0.1", serverAuth: true);
        (ClientCertificatePath, ClientKeyPath) = Issue(ca, "client", "CN=kubemq-test-client", serverAuth: false);
    }

    public string CaPath { get; }

    public string ServerCertificatePath { get; }

    public string ServerKeyPath { get; }

    public string ClientCertificatePath { get; }

    public string ClientKeyPath { get; }

    private (string Certificate, string Key) Issue(X509Certificate2 ca, string name, string subject, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
        }
        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        using var certificate = request.Create(ca, _notBefore, _notAfter, serial);
        return (Write(name + ".pem", certificate.ExportCertificatePem()), Write(name + ".key", key.ExportPkcs8PrivateKeyPem()));
    }

    private string Write(string file, string pem)
    {
        var path = Path.Combine(_directory, file);
        File.WriteAllText(path, pem);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
