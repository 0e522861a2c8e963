using KubeMQ.Broker;
using KubeMQ.Broker.Hosting;

// Standalone broker: dotnet run --project src/KubeMQ.Broker -c Release -- --port 50000
if (!BrokerCommandLine.TryParse(args, out var options, out var error))
{
    if (error is null)
    {
        Console.WriteLine(BrokerCommandLine.Help);
        return 0;
    }
    Console.Error.WriteLine(error);
    Console.Error.WriteLine("Run with --help to list the options.");
    return 2;
}

using var stop = new CancellationTokenSource();
using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.Cancel(); });
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });

await using var broker = await KubeMQBroker.StartAsync(options);
// Scheme, host and port only: Uri.ToString() would add a trailing slash that host:port parsers trip over.
Console.WriteLine($"KubeMQ broker listening on {broker.Address.GetLeftPart(UriPartial.Authority)}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
Console.WriteLine("KubeMQ broker stopping");
await broker.StopAsync();
return 0;
