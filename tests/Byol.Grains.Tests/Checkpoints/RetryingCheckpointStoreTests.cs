using Azure;
using Byol.Grains.Checkpoints;
using Microsoft.Extensions.Logging;

namespace Byol.Grains.Tests.Checkpoints;

public sealed class RetryingCheckpointStoreTests
{
    private static readonly RetryBackoff Fast = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
    private readonly CapturingLogger _logger = new();

    [Fact]
    public async Task TransientFailures_AreRetriedUntilSuccess_AndEachRetryIsLogged()
    {
        var inner = new FlakyStore(n => n <= 3 ? new IOException($"attempt {n}") : null);
        var store = new RetryingCheckpointStore(inner, _logger, TimeSpan.FromMinutes(1), Fast);

        var written = await store.WriteAsync("s", "t", 5, 1, new byte[3], CancellationToken.None);

        Assert.Equal(5, written.Step);
        Assert.Equal(4, inner.Calls);
        Assert.Equal(3, _logger.Count(LogLevel.Warning));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FencingAndChecksumFailures_AreNeverRetried(bool stale)
    {
        var reference = new CheckpointRef("s", "t", 1, new string('0', 64), 1, 1, DateTimeOffset.UnixEpoch);
        Exception failure = stale ? new StaleWriterException("s", "t", 1, 2) : new CorruptCheckpointException(reference, "bad");
        var inner = new FlakyStore(_ => failure);
        var store = new RetryingCheckpointStore(inner, _logger, TimeSpan.FromMinutes(1), Fast);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => store.ReadAsync(reference, CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task NonTransientFailure_IsNotRetried()
    {
        var inner = new FlakyStore(_ => new RequestFailedException(403, "forbidden"));
        var store = new RetryingCheckpointStore(inner, _logger, TimeSpan.FromMinutes(1), Fast);

        await Assert.ThrowsAsync<RequestFailedException>(() => store.ListAsync("s", "t", CancellationToken.None));

        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task PersistentFailure_GivesUpAfterRetryFor_WithTheLastError()
    {
        var inner = new FlakyStore(n => new TimeoutException($"attempt {n}"));
        var store = new RetryingCheckpointStore(inner, _logger, TimeSpan.FromMilliseconds(300), Fast);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => store.PruneAsync("s", "t", new RetentionPolicy(), CancellationToken.None));

        Assert.True(inner.Calls > 2);
        Assert.Equal($"attempt {inner.Calls}", error.Message);
        Assert.Equal(1, _logger.Count(LogLevel.Error));
    }

    [Fact]
    public async Task CallerCancellation_StopsRetrying()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var inner = new FlakyStore(_ => new IOException("down"));
        var store = new RetryingCheckpointStore(inner, _logger, TimeSpan.FromMinutes(10), Fast);

        await Assert.ThrowsAnyAsync<Exception>(() => store.ReadLatestAsync("s", "t", cts.Token));

        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task RetryLog_RedactsAccountKeys()
    {
        var inner = new FlakyStore(n => n == 1 ? new RequestFailedException(503, "busy; AccountKey=c2VjcmV0;BlobEndpoint=x") : null);
        var store = new RetryingCheckpointStore(inner, _logger, TimeSpan.FromMinutes(1), Fast);

        await store.ListAsync("s", "t", CancellationToken.None);

        var message = Assert.Single(_logger.Entries).Message;
        Assert.DoesNotContain("c2VjcmV0", message);
        Assert.Contains("AccountKey=***", message);
    }
}
