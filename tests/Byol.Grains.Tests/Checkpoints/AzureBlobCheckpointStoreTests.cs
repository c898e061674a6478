using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Byol.Grains.Checkpoints;
using Byol.Grains.Tests.Azurite;

namespace Byol.Grains.Tests.Checkpoints;

[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobCheckpointStoreTests(AzuriteFixture azurite) : CheckpointStoreContractTests
{
    private readonly BlobContainerClient _container = new(
        azurite.ConnectionString, $"ckpt-{Guid.NewGuid():N}", AzureBlobCheckpointStore.FailFastClientOptions());

    protected override ICheckpointStore Store => new AzureBlobCheckpointStore(_container);

    protected override async Task<bool> PayloadExistsAtAsync(string key) =>
        await _container.ExistsAsync() && (await _container.GetBlobClient(key).ExistsAsync()).Value;

    protected override async Task TamperAsync(CheckpointRef reference, Func<byte[], byte[]> change)
    {
        var blob = _container.GetBlobClient(reference.Key);
        var current = (await blob.DownloadContentAsync()).Value;
        await blob.UploadAsync(BinaryData.FromBytes(change(current.Content.ToArray())),
            new BlobUploadOptions { Metadata = current.Details.Metadata });
    }

    public override async Task DisposeAsync() => await _container.DeleteIfExistsAsync();

    [Fact]
    public async Task Write_CreatesTheContainer_AndRecordsChecksumAndFenceAsMetadata()
    {
        var written = await Store.WriteAsync(Sweep, Trial, 100, fence: 4, TestPayloads.Make(1), CancellationToken.None);

        var metadata = (await _container.GetBlobClient(written.Key).GetPropertiesAsync()).Value.Metadata;
        Assert.Equal(written.Sha256, metadata["sha256"]);
        Assert.Equal("4", metadata["fence"]);
        Assert.Equal("100", metadata["step"]);
        var fence = (await _container.GetBlobClient($"{Sweep}/{Trial}/fence").GetPropertiesAsync()).Value.Metadata;
        Assert.Equal("4", fence["fence"]);
    }
}
