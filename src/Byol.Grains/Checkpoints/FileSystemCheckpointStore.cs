namespace Byol.Grains.Checkpoints;

/// <summary>
/// Checkpoints in a local (or mounted) directory: <c>{root}/{sweep}/{trial}/step-{n:D9}</c> holds the payload and
/// <c>step-{n:D9}.json</c> its SHA-256, length, fence and time. Both are written to a temporary file and renamed into
/// place, payload first, so a reader never lists a half-written checkpoint. A per-trial <c>fence</c> file, held
/// exclusively during a write, fences writers.
/// </summary>
public sealed class FileSystemCheckpointStore : ICheckpointStore
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private readonly TimeProvider _time;

    public FileSystemCheckpointStore(string rootDirectory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
        _time = time ?? TimeProvider.System;
    }

    public string RootDirectory { get; }

    /// <summary>The file a key maps to (the layout is the same as the blob names).</summary>
    public string PathOf(string key) => Path.Combine(RootDirectory, key.Replace('/', Path.DirectorySeparatorChar));

    public async Task<CheckpointRef> WriteAsync(
        string sweepId, string trialId, long step, long fence, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var reference = new CheckpointRef(sweepId, trialId, step, CheckpointChecksum.Compute(payload.Span),
            payload.Length, fence, _time.GetUtcNow());
        var payloadPath = PathOf(reference.Key);
        var metaPath = payloadPath + FileCheckpointMetadata.Extension;
        Directory.CreateDirectory(Path.GetDirectoryName(payloadPath)!);

        await using var fenceLock = await FileFenceLock.AcquireAsync(PathOf(CheckpointKeys.Fence(sweepId, trialId)), LockTimeout, ct)
            .ConfigureAwait(false);
        var current = await fenceLock.ReadAsync(ct).ConfigureAwait(false);
        if (current > fence)
        {
            throw new StaleWriterException(sweepId, trialId, fence, current.Value);
        }

        if (await ReadMetadataAsync(metaPath, ct).ConfigureAwait(false) is { } existing)
        {
            if (existing.Fence > fence)
            {
                throw new StaleWriterException(sweepId, trialId, fence, existing.Fence);
            }

            File.Delete(metaPath); // unlist before the payload changes under it
        }

        if (current != fence)
        {
            await fenceLock.WriteAsync(fence, ct).ConfigureAwait(false);
        }

        await WriteAtomicallyAsync(payloadPath, payload, ct).ConfigureAwait(false);
        await WriteAtomicallyAsync(metaPath, FileCheckpointMetadata.From(reference).Serialize(), ct).ConfigureAwait(false);
        return reference;
    }

    public async Task<LoadedCheckpoint?> ReadLatestAsync(string sweepId, string trialId, CancellationToken ct)
    {
        var skipped = new List<CheckpointRef>();
        foreach (var reference in (await ListAsync(sweepId, trialId, ct).ConfigureAwait(false)).Reverse())
        {
            var payload = await TryReadPayloadAsync(PathOf(reference.Key), ct).ConfigureAwait(false);
            if (payload is not null && CheckpointChecksum.Mismatch(reference, payload) is null)
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
        var payload = await TryReadPayloadAsync(PathOf(reference.Key), ct).ConfigureAwait(false);
        if (payload is null)
        {
            return null;
        }

        CheckpointChecksum.Verify(reference, payload);
        return new LoadedCheckpoint(reference, payload, []);
    }

    public async Task<IReadOnlyList<CheckpointRef>> ListAsync(string sweepId, string trialId, CancellationToken ct)
    {
        var directory = PathOf(CheckpointKeys.Trial(sweepId, trialId));
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var refs = new List<CheckpointRef>();
        foreach (var metaPath in Directory.EnumerateFiles(directory, CheckpointKeys.StepPrefix + "*" + FileCheckpointMetadata.Extension))
        {
            var name = Path.GetFileNameWithoutExtension(metaPath);
            if (CheckpointKeys.TryParseStepName(name, out var step)
                && await ReadMetadataAsync(metaPath, ct).ConfigureAwait(false) is { } meta
                && meta.Step == step)
            {
                refs.Add(meta.ToRef(sweepId, trialId));
            }
        }

        return refs.OrderBy(r => r.Step).ToList();
    }

    public async Task PruneAsync(string sweepId, string trialId, RetentionPolicy policy, CancellationToken ct)
    {
        var doomed = RetentionPlanner.ToDelete(await ListAsync(sweepId, trialId, ct).ConfigureAwait(false), policy);
        foreach (var reference in doomed)
        {
            ct.ThrowIfCancellationRequested();
            var payloadPath = PathOf(reference.Key);
            File.Delete(payloadPath + FileCheckpointMetadata.Extension); // unlist first
            File.Delete(payloadPath);
        }
    }

    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp); // no-op after a successful move
        }
    }

    private static async Task<byte[]?> TryReadPayloadAsync(string path, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task<FileCheckpointMetadata?> ReadMetadataAsync(string path, CancellationToken ct) =>
        await TryReadPayloadAsync(path, ct).ConfigureAwait(false) is { } json ? FileCheckpointMetadata.TryParse(json) : null;
}
