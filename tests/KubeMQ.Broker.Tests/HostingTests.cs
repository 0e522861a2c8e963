using System.Diagnostics;
using Grpc.Net.Client;
using KubeMQ.Broker.Hosting;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Tests;

public sealed class HostingTests
{
    private const string ListeningPrefix = "KubeMQ broker listening on ";

    [Fact]
    public void The_command_line_maps_every_option()
    {
        var parsed = BrokerCommandLine.TryParse(
            ["--host", "0.0.0.0", "--port", "0", "--auth-token", "t", "--max-body-size", "1024", "--event-buffer", "7"],
            out var options,
            out var error);

        Assert.True(parsed, error);
        Assert.Equal("0.0.0.0", options!.Host);
        Assert.Equal(0, options.Port);
        Assert.Equal("t", options.AuthToken);
        Assert.Equal(1024, options.MaxBodySize);
        Assert.Equal(7, options.EventSubscriberBufferSize);
    }

    [Fact]
    public void The_command_line_maps_the_tls_files()
    {
        var parsed = BrokerCommandLine.TryParse(["--tls-cert", "c.pem", "--tls-key", "k.pem", "--client-ca", "ca.pem"], out var options, out var error);

        Assert.True(parsed, error);
        Assert.Equal("c.pem", options!.TlsCertificatePath);
        Assert.Equal("k.pem", options.TlsKeyPath);
        Assert.Equal("ca.pem", options.ClientCaCertificatePath);
    }

    [Fact]
    public void Without_arguments_the_standalone_broker_uses_kubemqs_port_50000()
    {
        Assert.True(BrokerCommandLine.TryParse([], out var options, out _));
        Assert.Equal(50000, options!.Port);
        Assert.Equal("127.0.0.1", options.Host);
    }

    [Theory]
    [InlineData(new[] { "--port", "abc" }, "--port")]
    [InlineData(new[] { "--port" }, "--port")]
    [InlineData(new[] { "--colour", "blue" }, "--colour")]
    [InlineData(new[] { "--port", "70000" }, "Port")]
    [InlineData(new[] { "--tls-cert", "c.pem" }, "TlsKeyPath")]
    [InlineData(new[] { "--client-ca", "ca.pem" }, "mTLS")]
    [InlineData(new[] { "--max-body-size", "0" }, "MaxBodySize")]
    public void Bad_command_lines_are_refused_with_an_error_naming_the_option(string[] args, string mentions)
    {
        Assert.False(BrokerCommandLine.TryParse(args, out var options, out var error));
        Assert.Null(options);
        Assert.Contains(mentions, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_asked_for_with_no_error_and_lists_every_option()
    {
        Assert.False(BrokerCommandLine.TryParse(["--help"], out _, out var error));
        Assert.Null(error);
        foreach (var option in new[] { "--host", "--port", "--auth-token", "--tls-cert", "--tls-key", "--client-ca", "--max-body-size", "--event-buffer", "--help" })
            Assert.Contains(option, BrokerCommandLine.Help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_standalone_executable_prints_its_address_serves_and_stops_cleanly_on_sigterm()
    {
        using var process = StartExecutable("--port", "0");
        try
        {
            var firstLine = await ReadLineAsync(process);

            Assert.StartsWith(ListeningPrefix, firstLine, StringComparison.Ordinal);
            var printed = firstLine![ListeningPrefix.Length..];
            Assert.Matches(@"^http://127\.0\.0\.1:\d+$", printed);
            var address = new Uri(printed);
            Assert.NotEqual(0, address.Port);
            using (var channel = GrpcChannel.ForAddress(address))
            {
                var ping = await new kubemq.kubemqClient(channel).PingAsync(new Empty());
                Assert.StartsWith("3.", ping.Version, StringComparison.Ordinal);
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            using var exit = new CancellationTokenSource(Eventually.Patience);
            await process.WaitForExitAsync(exit.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("KubeMQ broker stopping", await process.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task The_standalone_executable_prints_help_and_exits_zero()
    {
        using var process = StartExecutable("--help");
        var output = await process.StandardOutput.ReadToEndAsync();
        using var exit = new CancellationTokenSource(Eventually.Patience);
        await process.WaitForExitAsync(exit.Token);

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("--port", output, StringComparison.Ordinal);
        Assert.Contains("--auth-token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_standalone_executable_exits_two_on_a_bad_option()
    {
        using var process = StartExecutable("--port", "nope");
        var errors = await process.StandardError.ReadToEndAsync();
        using var exit = new CancellationTokenSource(Eventually.Patience);
        await process.WaitForExitAsync(exit.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--port", errors, StringComparison.Ordinal);
    }

    private static Process StartExecutable(params string[] args)
    {
        // The broker project is referenced, so its assembly and runtimeconfig sit next to the tests.
        var assembly = Path.Combine(AppContext.BaseDirectory, "KubeMQ.Broker.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("The broker executable did not start.");
    }

    private static async Task<string?> ReadLineAsync(Process process)
    {
        using var limit = new CancellationTokenSource(Eventually.Patience);
        return await process.StandardOutput.ReadLineAsync(limit.Token);
    }
}
