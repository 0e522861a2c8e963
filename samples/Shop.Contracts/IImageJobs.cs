using KubeMQ.Typed;

namespace Shop.Contracts;

/// <summary>
/// Queue: image jobs are delivered at least once to one consumer. A job whose handler throws is nacked and
/// redelivered; after its second delivery fails it moves to "shop.images.dead". Unprocessed jobs expire after an hour.
/// </summary>
[KubeMQChannel("shop.images", Pattern = KubeMQPattern.Queue,
    MaxReceiveCount = 2, DeadLetterQueue = ImageJobQueues.DeadLetter, ExpirationSeconds = 3600)]
public interface IImageJobs
{
    Task Resize(ResizeJob job, CancellationToken cancellationToken = default);
}

/// <summary>Names of the image job queues, for code that reads them directly.</summary>
public static class ImageJobQueues
{
    public const string Jobs = "shop.images";

    public const string DeadLetter = "shop.images.dead";
}
