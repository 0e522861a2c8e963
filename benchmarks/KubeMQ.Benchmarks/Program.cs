using BenchmarkDotNet.Running;
using KubeMQ.Benchmarks.Generator;
using KubeMQ.Benchmarks.Throughput;

// dotnet run -c Release --project benchmarks/KubeMQ.Benchmarks -- throughput [--seconds N] [--quick] [--out file.md] [--only text] [--rounds N]
// dotnet run -c Release --project benchmarks/KubeMQ.Benchmarks -- micro [BenchmarkDotNet arguments]
// dotnet run -c Release --project benchmarks/KubeMQ.Benchmarks -- generator [--contracts N] [--methods N] [--runs N] [--out file.md] [--steps]
if (args.Length > 0 && args[0] == "throughput")
    return await ThroughputCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "generator")
    return GeneratorCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(ThroughputCommand).Assembly).Run(args[1..]);
    return 0;
}
Console.WriteLine("Usage: KubeMQ.Benchmarks throughput [--seconds N] [--quick] [--out file.md] | micro [BenchmarkDotNet arguments] | " + GeneratorCommand.Usage);
return args.Length == 0 ? 0 : 2;
