using KubeMQ.Typed;

namespace KubeMQ.Benchmarks.Contracts;

// One contract per pattern, one method each, all carrying the same ~1 KB payload.

[KubeMQChannel(BenchmarkChannelNames.Events, Pattern = KubeMQPattern.Events)]
public interface IBenchmarkEvents
{
    Task Published(BenchmarkPayload payload, CancellationToken cancellationToken = default);
}

[KubeMQChannel(BenchmarkChannelNames.Store, Pattern = KubeMQPattern.EventsStore)]
public interface IBenchmarkStore
{
    Task Stored(BenchmarkPayload payload, CancellationToken cancellationToken = default);
}

[KubeMQChannel(BenchmarkChannelNames.Commands, Pattern = KubeMQPattern.Commands)]
public interface IBenchmarkCommands
{
    Task Apply(BenchmarkPayload payload, CancellationToken cancellationToken = default);
}

[KubeMQChannel(BenchmarkChannelNames.Queries, Pattern = KubeMQPattern.Queries)]
public interface IBenchmarkQueries
{
    Task<BenchmarkPayload> Echo(BenchmarkPayload payload, CancellationToken cancellationToken = default);
}

[KubeMQChannel(BenchmarkChannelNames.Jobs, Pattern = KubeMQPattern.Queue)]
public interface IBenchmarkJobs
{
    Task Enqueue(BenchmarkPayload payload, CancellationToken cancellationToken = default);
}
