using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Byol.Grains.Checkpoints;

/// <summary>
/// Checkpoints as block blobs named <c>{sweep}/{trial}/step-{n:D9}</c>, with step, SHA-256, length, fence and time as
/// blob metadata set in the same request as the content, so a blob is listed only once complete. A
/// <c>{sweep}/{trial}/fence</c> blob fences writers (see <see cref="BlobFence"/>). The container is created if missing.
/// </summary>
public sealed class AzureBlobCheckpointStore : ICheckpointStore
{
    private readonly BlobContainerClient _container;
    private readonly TimeProvider _time;
    private volatile bool _containerExists;

    public AzureBlobCheckpointStore(BlobContainerClient container, TimeProvider? time = null)
    {
        _container = container ?? throw new ArgumentNullException(nameof(container));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Client options that fail fast per attempt (one quick retry, 5 s network timeout), so that
    /// <see cref="RetryingCheckpointStore"/> governs how long an outage is ridden out.</summary>
    public static BlobClientOptions FailFastClientOptions() => new()
    {
        Retry =
        {
            Mode = RetryMode.Exponential,
            MaxRetries = 1,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(1),
            NetworkTimeout = TimeSpan.FromSeconds(5),
        },
    };

    public string ContainerName => _container.Name;

    public async Task<CheckpointRef> WriteAsync(
        string sweepId, string trialId, long step, long fence, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var reference = new CheckpointRef(sweepId, trialId, step, CheckpointChecksum.Compute(payload.Span),
            payload.Length, fence, _time.GetUtcNow());
        await EnsureContainerAsync(ct).ConfigureAwait(false);
        var fenceBlob = _container.GetBlobClient(CheckpointKeys.Fence(sweepId, trialId));
        await BlobFence.CheckAndRaiseAsync(fenceBlob, sweepId, trialId, fence, ct).ConfigureAwait(false);

        var blob = _container.GetBlobClient(reference.Key);
        var written = await UploadUnlessNewerAsync(blob, reference, payload, ct).ConfigureAwait(false);

        // A newer activation may have raised the fence while we uploaded; then our checkpoint must not stay behind.
        var (current, _) = await BlobFence.ReadAsync(fenceBlob, ct).ConfigureAwait(false);
        if (current > fence)
        {
            await DeleteIfUnchangedAsync(blob, written, ct).ConfigureAwait(false);
            throw new StaleWriterException(sweepId, trialId, fence, current.Value);
        }

        return reference;
    }

    public async Task<LoadedCheckpoint?> ReadLatestAsync(string sweepId, string trialId, CancellationToken ct)
    {
        var skipped = new List<CheckpointRef>();
        foreach (var listed in (await ListAsync(sweepId, trialId, ct).ConfigureAwait(false)).Reverse())
        {
            var download = await TryDownloadAsync(_container.GetBlobClient(listed.Key), ct).ConfigureAwait(false);
            if (download is null)
            {
                continue; // pruned or replaced since the listing
            }

            // Verify against the metadata returned with this very content (the blob may have been rewritten since listing).
            var reference = BlobCheckpointMetadata.TryParse(sweepId, trialId, download.Details.Metadata) ?? listed;
            var payload = download.Content.ToArray();
            if (CheckpointChecksum.Mismatch(reference, payload) is null)
            {
                return new LoadedCheckpoint(reference, payload, skipped);
            }

            skipped.Add(reference);
        }

        return null;
    }

    public async Task<LoadedCheckpoint?> ReadAsync(CheckpointRef reference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var download = await TryDownloadAsync(_container.GetBlobClient(reference.Key), ct).ConfigureAwait(false);
        if (download is null)
        {
            return null;
        }

        var payload = download.Content.ToArray();
        CheckpointChecksum.Verify(reference, payload);
        return new LoadedCheckpoint(reference, payload, []);
    }

    public async Task<IReadOnlyList<CheckpointRef>> ListAsync(string sweepId, string trialId, CancellationToken ct)
    {
        var prefix = CheckpointKeys.Trial(sweepId, trialId) + CheckpointKeys.StepPrefix;
        var refs = new List<CheckpointRef>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, ct).ConfigureAwait(false))
            {
                if (CheckpointKeys.TryParseStepName(item.Name[(prefix.Length - CheckpointKeys.StepPrefix.Length)..], out var step)
                    && BlobCheckpointMetadata.TryParse(sweepId, trialId, item.Metadata) is { } reference
                    && reference.Step == step)
                {
                    refs.Add(reference);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return []; // no container yet
        }

        return refs.OrderBy(r => r.Step).ToList();
    }

    public async Task PruneAsync(string sweepId, string trialId, RetentionPolicy policy, CancellationToken ct)
    {
        var doomed = RetentionPlanner.ToDelete(await ListAsync(sweepId, trialId, ct).ConfigureAwait(false), policy);
        foreach (var reference in doomed)
        {
            await _container.GetBlobClient(reference.Key).DeleteIfExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        }
    }

    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        if (!_containerExists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            _containerExists = true;
        }
    }

    /// <summary>Uploads content and metadata in one request, conditional on the blob being absent or unchanged since we
    /// checked that no higher fence wrote it. Returns the new ETag.</summary>
    private static async Task<ETag> UploadUnlessNewerAsync(BlobClient blob, CheckpointRef reference, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        while (true)
        {
            var existing = await TryGetPropertiesAsync(blob, ct).ConfigureAwait(false);
            if (existing is not null
                && BlobCheckpointMetadata.TryGetLong(existing.Metadata, BlobCheckpointMetadata.Fence, out var existingFence)
                && existingFence > reference.Fence)
            {
                throw new StaleWriterException(reference.SweepId, reference.TrialId, reference.Fence, existingFence);
            }

            var options = new BlobUploadOptions
            {
                Metadata = BlobCheckpointMetadata.From(reference),
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                Conditions = existing is null
                    ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                    : new BlobRequestConditions { IfMatch = existing.ETag },
            };
            try
            {
                var response = await blob.UploadAsync(new BinaryData(payload), options, ct).ConfigureAwait(false);
                return response.Value.ETag;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone wrote this step between our check and upload: check its fence again.
            }
        }
    }

    private static async Task DeleteIfUnchangedAsync(BlobClient blob, ETag etag, CancellationToken ct)
    {
        try
        {
            await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = etag }, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Already replaced (by the newer writer) or removed.
        }
    }

    private static async Task<BlobProperties?> TryGetPropertiesAsync(BlobClient blob, CancellationToken ct)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static async Task<BlobDownloadResult?> TryDownloadAsync(BlobClient blob, CancellationToken ct)
    {
        try
        {
            return (await blob.DownloadContentAsync(ct).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
