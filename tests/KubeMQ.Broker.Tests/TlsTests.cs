using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Tests;

public sealed class TlsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubemq-tls-").FullName;
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _client;
    private readonly X509Certificate2 _strangerClient;
    private readonly string _caPath;
    private readonly string _serverCertPath;
    private readonly string _serverKeyPath;

    public TlsTests()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _ca = CreateAuthority("CN=KubeMQ test CA", caKey);
        _caPath = WritePem("ca.pem", _ca.ExportCertificatePem());

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = Issue("CN=localhost", serverKey, _ca, caKey, serverAuth: true);
        _serverCertPath = WritePem("server.pem", server.ExportCertificatePem());
        _serverKeyPath = WritePem("server-key.pem", serverKey.ExportPkcs8PrivateKeyPem());

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _client = WithPrivateKey(Issue("CN=test client", clientKey, _ca, caKey, serverAuth: false), clientKey);

        using var strangerCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var strangerCa = CreateAuthority("CN=Some other CA", strangerCaKey);
        using var strangerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _strangerClient = WithPrivateKey(Issue("CN=stranger", strangerKey, strangerCa, strangerCaKey, serverAuth: false), strangerKey);
    }

    [Fact]
    public async Task A_client_trusting_the_test_ca_talks_to_a_tls_broker()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions { TlsCertificatePath = _serverCertPath, TlsKeyPath = _serverKeyPath });
        using var channel = Connect(broker, clientCertificate: null);

        var ping = await new kubemq.kubemqClient(channel).PingAsync(new Empty());

        Assert.Equal("https", broker.Address.Scheme);
        Assert.StartsWith("3.", ping.Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plaintext_client_cannot_talk_to_a_tls_broker()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions { TlsCertificatePath = _serverCertPath, TlsKeyPath = _serverKeyPath });
        using var channel = GrpcChannel.ForAddress(new UriBuilder(broker.Address) { Scheme = "http" }.Uri);

        await Assert.ThrowsAsync<RpcException>(() => new kubemq.kubemqClient(channel).PingAsync(new Empty()).ResponseAsync);
    }

    [Fact]
    public async Task Mutual_tls_accepts_a_client_certificate_issued_by_the_configured_ca()
    {
        await using var broker = await StartMutualTlsAsync();
        using var channel = Connect(broker, _client);

        var ping = await new kubemq.kubemqClient(channel).PingAsync(new Empty());

        Assert.False(string.IsNullOrEmpty(ping.Version));
    }

    [Fact]
    public async Task Mutual_tls_refuses_a_client_without_a_certificate()
    {
        await using var broker = await StartMutualTlsAsync();
        using var channel = Connect(broker, clientCertificate: null);

        var error = await Assert.ThrowsAsync<RpcException>(() => new kubemq.kubemqClient(channel).PingAsync(new Empty()).ResponseAsync);

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task Mutual_tls_refuses_a_client_certificate_from_another_ca()
    {
        await using var broker = await StartMutualTlsAsync();
        using var channel = Connect(broker, _strangerClient);

        var error = await Assert.ThrowsAsync<RpcException>(() => new kubemq.kubemqClient(channel).PingAsync(new Empty()).ResponseAsync);

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _client.Dispose();
        _strangerClient.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<KubeMQBroker> StartMutualTlsAsync() => KubeMQBroker.StartAsync(new KubeMQBrokerOptions
    {
        TlsCertificatePath = _serverCertPath,
        TlsKeyPath = _serverKeyPath,
        ClientCaCertificatePath = _caPath,
    });

    private GrpcChannel Connect(KubeMQBroker broker, X509Certificate2? clientCertificate)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                    return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(_ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            },
        };
        if (clientCertificate is not null)
            ssl.ClientCertificates = [clientCertificate];
        var handler = new SocketsHttpHandler { SslOptions = ssl };
        return GrpcChannel.ForAddress(broker.Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private string WritePem(string name, string pem)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, pem);
        return path;
    }

    private static X509Certificate2 CreateAuthority(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Issue(string subject, ECDsa key, X509Certificate2 issuer, ECDsa issuerKey, bool serverAuth)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        var generator = X509SignatureGenerator.CreateForECDsa(issuerKey);
        return request.Create(issuer.SubjectName, generator, DateTimeOffset.UtcNow.AddMinutes(-30), DateTimeOffset.UtcNow.AddHours(12), serial);
    }

    // SslStream on Linux wants the client certificate's key in a form it can hand to OpenSSL: a PKCS#12 round trip.
    private static X509Certificate2 WithPrivateKey(X509Certificate2 certificate, ECDsa key)
    {
        using var withKey = certificate.CopyWithPrivateKey(key);
        certificate.Dispose();
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
