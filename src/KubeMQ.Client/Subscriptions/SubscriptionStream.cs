using System.Runtime.CompilerServices;
using Grpc.Core;

namespace KubeMQ.Client;

/// <summary>
/// Reads a server stream (a subscription) and keeps it alive: when the stream breaks or the broker ends it, the
/// stream is opened again after an exponential backoff with jitter, until the caller cancels, the client is disposed
/// (the enumeration then simply completes), a failure that retrying cannot fix occurs, or the attempts run out.
/// </summary>
internal static class SubscriptionStream
{
    private const long StableAfterMilliseconds = 5_000;

    // "open" is called for every (re)subscription, so that it can resume where the last stream left off.
    public static async IAsyncEnumerable<TWire> ReadAsync<TWire>(KubeMQClient client, string kind, string channel,
        Func<CallOptions, AsyncServerStreamingCall<TWire>> open, SubscriptionActivity? activity,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, client.Lifetime);
        var token = lifetime.Token;
        var policy = client.Options.Reconnect;
        var operation = $"{kind} subscription to '{channel}'";
        var failedAttempts = 0;
        var everEstablished = false;
        var pattern = KubeMQTelemetry.PatternOfKind(kind);
        while (!token.IsCancellationRequested)
        {
            var openedAt = Environment.TickCount64;
            var (call, failure) = await OpenAsync(client, open, token).ConfigureAwait(false);
            if (call is not null)
            {
                using (call)
                {
                    if (everEstablished)
                        ClientLog.SubscriptionRestored(client.Logger, kind, channel, failedAttempts);
                    else
                        ClientLog.SubscriptionEstablished(client.Logger, kind, channel);
                    everEstablished = true;
                    failedAttempts = 0;
                    client.ReportReachable();
                    activity?.MarkActive();
                    KubeMQTelemetry.RecordSubscriptionActive(pattern, channel, +1);
                    try
                    {
                        while (true)
                        {
                            (var hasNext, failure) = await MoveNextAsync(call.ResponseStream, token).ConfigureAwait(false);
                            if (!hasNext)
                                break;
                            yield return call.ResponseStream.Current;
                        }
                    }
                    finally
                    {
                        // Also when the consumer stops enumerating: the stream is gone either way.
                        KubeMQTelemetry.RecordSubscriptionActive(pattern, channel, -1);
                    }
                    activity?.MarkInactive();
                }
            }
            if (token.IsCancellationRequested)
                yield break;

            var translated = failure is null
                ? new KubeMQConnectionException($"{operation} was ended by the broker.")
                : client.Fail(failure, operation, token);
            if (translated is OperationCanceledException)
                yield break;
            if (RpcFailureTranslation.IsPermanent(translated))
            {
                ClientLog.SubscriptionStopped(client.Logger, translated, kind, channel);
                throw translated;
            }
            // Servers that send no response headers leave a quiet subscription "unanswered" until its first message;
            // one that stayed open this long was evidently accepted, so its loss starts a fresh backoff.
            if (Environment.TickCount64 - openedAt >= StableAfterMilliseconds)
                failedAttempts = 0;
            failedAttempts++;
            if (policy.MaxAttempts > 0 && failedAttempts > policy.MaxAttempts)
            {
                var gaveUp = new KubeMQConnectionException($"{operation} gave up after {policy.MaxAttempts} reconnect attempts: {translated.Message}", translated);
                ClientLog.SubscriptionStopped(client.Logger, gaveUp, kind, channel);
                throw gaveUp;
            }
            KubeMQTelemetry.RecordReconnectAttempt("subscription", client.ClientId);
            var delay = policy.DelayBefore(failedAttempts);
            ClientLog.SubscriptionReconnecting(client.Logger, kind, channel, translated.Message, failedAttempts, delay);
            if (!await DelayAsync(delay, token).ConfigureAwait(false))
                yield break;
        }
    }

    /// <summary>Opens the stream and waits for the broker's answer, so that a refused subscription fails here.</summary>
    private static async ValueTask<(AsyncServerStreamingCall<TWire>? Call, Exception? Failure)> OpenAsync<TWire>(
        KubeMQClient client, Func<CallOptions, AsyncServerStreamingCall<TWire>> open, CancellationToken token)
    {
        AsyncServerStreamingCall<TWire>? call = null;
        try
        {
            var options = await client.Calls.CreateAsync(null, token).ConfigureAwait(false);
            call = open(options);
            await call.ResponseHeadersAsync.ConfigureAwait(false);
            return (call, null);
        }
        catch (Exception e)
        {
            call?.Dispose();
            return (null, e);
        }
    }

    private static async ValueTask<(bool HasNext, Exception? Failure)> MoveNextAsync<TWire>(IAsyncStreamReader<TWire> reader, CancellationToken token)
    {
        try
        {
            return (await reader.MoveNext(token).ConfigureAwait(false), null);
        }
        catch (Exception e)
        {
            return (false, e);
        }
    }

    private static async ValueTask<bool> DelayAsync(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
