using Shop;

// Runs every shop scenario once and exits: 0 when each step did what it should, 1 naming the failed steps,
// 2 when the broker or the host could not start. Set KUBEMQ_ADDRESS (e.g. localhost:50000) to use a running
// KubeMQ server instead of the embedded broker.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};
return await ShopApp.RunAsync(args, Console.Out, Environment.GetEnvironmentVariable("KUBEMQ_ADDRESS"), interrupt.Token);
