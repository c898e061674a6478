using Byol.Grains.Checkpoints;
using Microsoft.Extensions.Logging.Abstractions;

namespace Byol.Grains.Tests.Checkpoints;

public sealed class CheckpointStoreFactoryTests
{
    [Fact]
    public async Task FileSystem_IsTheDefault_AndRetries()
    {
        var root = Directory.CreateTempSubdirectory("byol-factory-").FullName;
        try
        {
            var store = CheckpointStoreFactory.Create(new CheckpointStoreOptions { Directory = root }, NullLoggerFactory.Instance);

            var retrying = Assert.IsType<RetryingCheckpointStore>(store);
            Assert.Equal(TimeSpan.FromMinutes(10), retrying.RetryFor);
            await store.WriteAsync("s", "t", 1, 1, new byte[] { 1, 2, 3 }, CancellationToken.None);
            Assert.True(File.Exists(Path.Combine(root, "s", "t", "step-000000001")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AzureBlob_WithoutConnectionString_NamesTheMissingSetting()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            CheckpointStoreFactory.Create(new CheckpointStoreOptions { Provider = "AzureBlob" }, NullLoggerFactory.Instance));
        Assert.Contains("Storage:ConnectionString", error.Message);
    }

    [Fact]
    public void UnknownProvider_IsRejected() =>
        Assert.Throws<ArgumentException>(() =>
            CheckpointStoreFactory.Create(new CheckpointStoreOptions { Provider = "Floppy" }, NullLoggerFactory.Instance));
}
