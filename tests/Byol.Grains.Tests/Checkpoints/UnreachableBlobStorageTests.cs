using System.Diagnostics;
using Azure.Storage.Blobs;
using Byol.Grains.Checkpoints;
using Byol.Grains.Tests.Azurite;
using Byol.Silo.Hosting;
using Microsoft.Extensions.Logging;

namespace Byol.Grains.Tests.Checkpoints;

public sealed class UnreachableBlobStorageTests
{
    [Fact]
    public async Task PermanentlyUnreachable_GivesUpAfterRetryFor_WithTheLastError()
    {
        var port = LoopbackPort.Free();
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};" +
                               $"AccountKey={AzuriteFixture.AccountKey};BlobEndpoint=http://127.0.0.1:{port}/{AzuriteFixture.AccountName};";
        var logger = new CapturingLogger();
        var store = new RetryingCheckpointStore(
            new AzureBlobCheckpointStore(new BlobContainerClient(connectionString, "c", AzureBlobCheckpointStore.FailFastClientOptions())),
            logger, TimeSpan.FromSeconds(3), new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => store.WriteAsync("s", "t", 1, 1, TestPayloads.Make(1), CancellationToken.None));

        clock.Stop();
        Assert.True(TransientFailure.IsTransient(error), $"expected the storage error itself, got {error.GetType().Name}: {error.Message}");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
        Assert.True(logger.Count(LogLevel.Warning) >= 2);
        Assert.Equal(1, logger.Count(LogLevel.Error));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains(AzuriteFixture.AccountKey, StringComparison.Ordinal));
    }
}
