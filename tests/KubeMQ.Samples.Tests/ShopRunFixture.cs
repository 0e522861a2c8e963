using Shop;

namespace KubeMQ.Samples.Tests;

/// <summary>One full run of the Shop sample against its embedded broker, shared by the tests that read its report.</summary>
public sealed class ShopRunFixture : IAsyncLifetime
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    public int ExitCode { get; private set; } = -1;

    public string Report { get; private set; } = "";

    public async Task InitializeAsync()
    {
        using var limit = new CancellationTokenSource(RunLimit);
        var output = new StringWriter();
        ExitCode = await ShopApp.RunAsync([], output, brokerAddress: null, limit.Token);
        Report = output.ToString();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
