using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using System.Globalization;

namespace Byol.FaultRun;

/// <summary>Reads and damages the checkpoint blobs directly: <c>{sweep}/{trial}/step-{n:D9}</c> in the checkpoint container.</summary>
public sealed class CheckpointBlobs(string connectionString, string container = "byol-checkpoints")
{
    private BlobContainerClient Container => new BlobServiceClient(connectionString).GetBlobContainerClient(container);

    /// <summary>The checkpoint steps stored for each trial of the sweep, ascending.</summary>
    public async Task<Dictionary<string, List<long>>> StepsAsync(string sweepId)
    {
        var steps = new Dictionary<string, List<long>>();
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, sweepId + "/", CancellationToken.None))
        {
            var parts = blob.Name.Split('/');
            if (parts.Length == 3 && parts[2].StartsWith("step-", StringComparison.Ordinal)
                && long.TryParse(parts[2]["step-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var step))
            {
                if (!steps.TryGetValue(parts[1], out var list))
                    steps[parts[1]] = list = [];
                list.Add(step);
            }
        }
        foreach (var list in steps.Values)
            list.Sort();
        return steps;
    }

    /// <summary>Overwrites the newest checkpoint's bytes with garbage of the same length, keeping its metadata (so its checksum no longer matches).</summary>
    public async Task<(long Corrupted, long Previous)> CorruptNewestAsync(string sweepId, string trialId)
    {
        var steps = (await StepsAsync(sweepId)).GetValueOrDefault(trialId) ?? [];
        if (steps.Count < 2)
            throw new InvalidOperationException($"{sweepId}/{trialId} has {steps.Count} checkpoint(s); corrupting needs two");
        var newest = steps[^1];
        var blob = Container.GetBlobClient($"{sweepId}/{trialId}/step-{newest:D9}");
        var properties = (await blob.GetPropertiesAsync()).Value;
        var garbage = new byte[properties.ContentLength];
        new Random(7).NextBytes(garbage);
        await blob.UploadAsync(new BinaryData(garbage), new BlobUploadOptions { Metadata = properties.Metadata });
        return (newest, steps[^2]);
    }
}
