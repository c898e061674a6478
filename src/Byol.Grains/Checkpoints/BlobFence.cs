using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Byol.Grains.Checkpoints;

/// <summary>
/// The per-trial <c>{sweep}/{trial}/fence</c> blob. Raised with optimistic concurrency: created with
/// If-None-Match: * and replaced with If-Match: ETag, re-reading after losing a race.
/// </summary>
internal static class BlobFence
{
    /// <summary>The stored fence (null when none) and the ETag it was read at.</summary>
    public static async Task<(long? Fence, ETag? ETag)> ReadAsync(BlobClient blob, CancellationToken ct)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
            return BlobCheckpointMetadata.TryGetLong(properties.Metadata, BlobCheckpointMetadata.Fence, out var fence)
                ? (fence, properties.ETag)
                : throw new InvalidDataException($"Fence blob {blob.Name} has no numeric '{BlobCheckpointMetadata.Fence}' metadata.");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null);
        }
    }

    /// <summary>Throws <see cref="StaleWriterException"/> if the stored fence is higher than <paramref name="fence"/>, else
    /// makes the stored fence at least <paramref name="fence"/>.</summary>
    public static async Task CheckAndRaiseAsync(BlobClient blob, string sweepId, string trialId, long fence, CancellationToken ct)
    {
        while (true)
        {
            var (current, etag) = await ReadAsync(blob, ct).ConfigureAwait(false);
            if (current > fence)
            {
                throw new StaleWriterException(sweepId, trialId, fence, current.Value);
            }

            if (current == fence)
            {
                return;
            }

            var text = fence.ToString(CultureInfo.InvariantCulture);
            var options = new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string> { [BlobCheckpointMetadata.Fence] = text },
                Conditions = etag is { } read ? new BlobRequestConditions { IfMatch = read } : new BlobRequestConditions { IfNoneMatch = ETag.All },
            };
            try
            {
                await blob.UploadAsync(BinaryData.FromString(text), options, ct).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer changed the fence between our read and write: read it again.
            }
        }
    }
}
