using System.Text.Json.Serialization;
using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Typed;

[assembly: KubeMQJsonContext(typeof(BenchmarkJson))]

namespace KubeMQ.Benchmarks.Contracts;

/// <summary>The one JSON context both paths use: typed proxies through the generator, hand-written core code directly.</summary>
[JsonSerializable(typeof(BenchmarkPayload))]
internal sealed partial class BenchmarkJson : JsonSerializerContext;
