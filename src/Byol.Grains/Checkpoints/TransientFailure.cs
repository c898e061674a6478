using System.Net.Sockets;
using Azure;

namespace Byol.Grains.Checkpoints;

/// <summary>Which storage failures are worth retrying: the ones an outage or throttling produces.</summary>
public static class TransientFailure
{
    /// <param name="callerToken">The caller's token: a cancellation it asked for is never transient, while an
    /// <see cref="OperationCanceledException"/> on its own is a client-side timeout and is.</param>
    public static bool IsTransient(Exception exception, CancellationToken callerToken = default)
    {
        if (callerToken.IsCancellationRequested)
        {
            return false;
        }

        return exception switch
        {
            StaleWriterException or CorruptCheckpointException => false,
            RequestFailedException e => e.Status is 0 or 408 or 429 or >= 500,
            HttpRequestException or IOException or TimeoutException or SocketException or OperationCanceledException => true,
            // Azure.Core gives up after its own retries with an AggregateException of what each try threw.
            AggregateException e => e.InnerExceptions.Count > 0 && e.InnerExceptions.All(inner => IsTransient(inner, callerToken)),
            _ => false,
        };
    }
}
