using KubeMQ.Typed;
using Shop.Contracts;

namespace Shop.Handlers;

/// <summary>
/// Consumes image jobs: returning acks the job, throwing nacks it, and the queue's policy redelivers it until
/// MaxReceiveCount, then moves it to the dead-letter queue.
/// </summary>
public sealed class ImageResizer(ShopObservations observations) : IImageJobsHandler
{
    public Task Resize(ResizeJob job, KubeMQRequestContext context)
    {
        var corrupt = job.Image.StartsWith("corrupt", StringComparison.Ordinal);
        observations.Resizes.Add((job.JobId, context.ReceiveCount, !corrupt));
        return corrupt
            ? throw new InvalidDataException($"{job.Image} is not a readable image.")
            : Task.CompletedTask;
    }
}
