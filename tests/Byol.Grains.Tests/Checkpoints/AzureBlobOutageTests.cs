using System.Diagnostics;
using Azure.Storage.Blobs;
using Byol.Grains.Checkpoints;
using Byol.Grains.Tests.Azurite;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Byol.Grains.Tests.Checkpoints;

/// <summary>"Blob storage unreachable for a while: training goes on, checkpoint writes retry with backoff, nothing is lost."</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobOutageTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);
    private readonly BlobContainerClient _container = new(
        azurite.ConnectionString, $"outage-{Guid.NewGuid():N}", AzureBlobCheckpointStore.FailFastClientOptions());

    public Task InitializeAsync() => azurite.StartAsync();

    public async Task DisposeAsync()
    {
        await azurite.StartAsync(); // leave Azurite running for the rest of the collection
        await _container.DeleteIfExistsAsync();
    }

    [Fact]
    public async Task WriteInFlightDuringAzuriteRestart_Completes_AndNothingIsLost()
    {
        var logger = new CapturingLogger();
        var store = new RetryingCheckpointStore(new AzureBlobCheckpointStore(_container), logger, TimeSpan.FromMinutes(2),
            new RetryBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));
        var before = await store.WriteAsync("sweep", "trial", 100, 1, TestPayloads.Make(100), CancellationToken.None);
        var payload = TestPayloads.Make(200);

        await azurite.StopAsync();
        var outage = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var write = store.WriteAsync("sweep", "trial", 200, 1, payload, CancellationToken.None);
        await Task.Delay(Outage);
        Assert.False(write.IsCompleted, "the write must still be retrying while Azurite is down");
        await azurite.StartAsync();
        outage.Stop();
        var written = await write.WaitAsync(TimeSpan.FromMinutes(1));
        clock.Stop();

        var retries = logger.Count(LogLevel.Warning);
        output.WriteLine($"Azurite down for {outage.Elapsed.TotalSeconds:F1} s; write completed after {clock.Elapsed.TotalSeconds:F1} s " +
                         $"with {retries} retries.\n" + string.Join('\n', logger.Entries.Select(e => e.Message)));
        Assert.True(retries >= 2, $"expected several retries during a {Outage} outage, saw {retries}");
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains(AzuriteFixture.AccountKey, StringComparison.Ordinal));
        var latest = await store.ReadLatestAsync("sweep", "trial", CancellationToken.None);
        Assert.Equal(written, latest?.Reference);
        Assert.Equal(payload, latest?.Payload);
        Assert.Equal([before, written], await store.ListAsync("sweep", "trial", CancellationToken.None));
    }
}
