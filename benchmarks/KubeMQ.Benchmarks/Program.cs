using BenchmarkDotNet.Running;
using KubeMQ.Benchmarks.Throughput;

// dotnet run -c Release --project benchmarks/KubeMQ.Benchmarks -- throughput [--seconds N] [--quick] [--out file.md] [--only text]
// dotnet run -c Release --project benchmarks/KubeMQ.Benchmarks -- micro [BenchmarkDotNet arguments]
if (args.Length > 0 && args[0] == "throughput")
    return await ThroughputCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(ThroughputCommand).Assembly).Run(args[1..]);
    return 0;
}
Console.WriteLine("Usage: KubeMQ.Benchmarks throughput [--seconds N] [--quick] [--out file.md] | micro [BenchmarkDotNet arguments]");
return args.Length == 0 ? 0 : 2;
