using System.Text.Json;
using KubeMQ.Client;
using Shop.Contracts;

namespace Shop.Steps;

/// <summary>
/// Queue: good jobs are resized once; a corrupt one fails on each of its two deliveries (MaxReceiveCount = 2) and
/// ends in the dead-letter queue, where it is read back.
/// </summary>
public sealed class ImageJobsStep(IImageJobs jobs, KubeMQClient client, ShopObservations observations, ShopRun run) : IShopStep
{
    public string Name => "queues";

    public string Title => "IImageJobs: delivery policy, redelivery and the dead-letter queue";

    public async Task RunAsync(StepLog log, CancellationToken cancellationToken)
    {
        ResizeJob[] sent =
        [
            new($"{run.Stamp}-job-1", "front.png", 800),
            new($"{run.Stamp}-job-2", "corrupt.png", 800),
            new($"{run.Stamp}-job-3", "back.png", 400),
        ];
        foreach (var job in sent)
            await jobs.Resize(job, cancellationToken);
        log.Line($"queued Resize x{sent.Length}: {string.Join(", ", sent.Select(j => j.Image))} (MaxReceiveCount 2, dead letters to {ImageJobQueues.DeadLetter})");

        var good = sent.Where(j => j.Image != "corrupt.png").Select(j => j.JobId).ToList();
        var poison = sent.Single(j => j.Image == "corrupt.png");
        var attempts = await observations.Resizes.WaitUntilAsync(
            seen => good.All(id => seen.Any(r => r.JobId == id && r.Succeeded))
                && seen.Count(r => r.JobId == poison.JobId) >= 2,
            "the good jobs resized and two deliveries of the corrupt one", cancellationToken);
        foreach (var job in sent)
        {
            var deliveries = attempts.Where(r => r.JobId == job.JobId).ToList();
            log.Line($"{job.Image}: " + string.Join(", ", deliveries.Select(r => $"delivery {r.Delivery} {(r.Succeeded ? "resized (ack)" : "failed (nack)")}")));
        }
        var poisonDeliveries = attempts.Where(r => r.JobId == poison.JobId).Select(r => r.Delivery).ToList();
        StepFailedException.ThrowUnless(poisonDeliveries.SequenceEqual([1, 2]),
            $"the corrupt job was delivered as {string.Join(", ", poisonDeliveries)}, expected deliveries 1 and 2");

        var dead = await ReadDeadLetterAsync(poison.JobId, cancellationToken);
        StepFailedException.ThrowUnless(dead.ReRouted && dead.ReRoutedFromQueue == ImageJobQueues.Jobs,
            $"the dead letter says ReRouted={dead.ReRouted}, from '{dead.ReRoutedFromQueue}'; expected a move from {ImageJobQueues.Jobs}");
        log.Line($"{ImageJobQueues.DeadLetter} holds {poison.Image} ({poison.JobId}), re-routed from {dead.ReRoutedFromQueue}");

        var attemptsAfter = observations.Resizes.Snapshot().Count(r => r.JobId == poison.JobId);
        StepFailedException.ThrowUnless(attemptsAfter == 2,
            $"the corrupt job was delivered {attemptsAfter} times; MaxReceiveCount is 2");
    }

    /// <summary>
    /// Takes messages off the dead-letter queue with the core client until this run's job shows up; the body is the
    /// same JSON the typed proxy sent, read with the same source-generated context.
    /// </summary>
    private async Task<QueueMessageReceived> ReadDeadLetterAsync(string jobId, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var received = await client.ReceiveQueueMessagesAsync(ImageJobQueues.DeadLetter, maxMessages: 1,
                waitTimeout: TimeSpan.FromSeconds(1), cancellationToken);
            foreach (var message in received.Messages)
            {
                var job = JsonSerializer.Deserialize(message.Body.Span, ShopJson.Default.ResizeJob);
                if (job?.JobId == jobId)
                    return message;
            }
        }
    }
}
