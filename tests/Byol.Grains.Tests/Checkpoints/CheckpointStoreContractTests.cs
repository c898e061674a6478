using Byol.Grains.Checkpoints;

namespace Byol.Grains.Tests.Checkpoints;

/// <summary>What every <see cref="ICheckpointStore"/> must do; one subclass per implementation.</summary>
public abstract class CheckpointStoreContractTests : IAsyncLifetime
{
    protected const string Sweep = "sweep-1";
    protected const string Trial = "trial-7";
    private static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract ICheckpointStore Store { get; }

    /// <summary>Whether a payload is stored under exactly this layout key.</summary>
    protected abstract Task<bool> PayloadExistsAtAsync(string key);

    /// <summary>Rewrites the stored payload bytes behind the store's back, keeping its recorded checksum.</summary>
    protected abstract Task TamperAsync(CheckpointRef reference, Func<byte[], byte[]> change);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WriteThenReadLatest_RoundTripsPayloadAndReference()
    {
        var payload = TestPayloads.Make(1);
        var written = await Store.WriteAsync(Sweep, Trial, 200, fence: 3, payload, Ct);

        var loaded = await Store.ReadLatestAsync(Sweep, Trial, Ct);

        Assert.NotNull(loaded);
        Assert.Equal(payload, loaded.Payload);
        Assert.Equal(written, loaded.Reference);
        Assert.Empty(loaded.SkippedCorrupt);
        Assert.Equal((Sweep, Trial, 200L, 3L, (long)payload.Length), (written.SweepId, written.TrialId, written.Step, written.Fence, written.Length));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(payload)), written.Sha256);
    }

    [Fact]
    public async Task Write_StoresPayloadUnderSweepTrialStepKey()
    {
        var written = await Store.WriteAsync(Sweep, Trial, 42, 1, TestPayloads.Make(2), Ct);

        Assert.Equal("sweep-1/trial-7/step-000000042", written.Key);
        Assert.True(await PayloadExistsAtAsync("sweep-1/trial-7/step-000000042"));
    }

    [Fact]
    public async Task List_IsAscendingByStep_AndScopedToTheTrial()
    {
        foreach (var step in new long[] { 300, 100, 200 })
        {
            await Store.WriteAsync(Sweep, Trial, step, 1, TestPayloads.Make((int)step), Ct);
        }

        await Store.WriteAsync(Sweep, "trial-70", 400, 1, TestPayloads.Make(4), Ct);
        await Store.WriteAsync("sweep-10", Trial, 500, 1, TestPayloads.Make(5), Ct);

        var listed = await Store.ListAsync(Sweep, Trial, Ct);

        Assert.Equal([100L, 200L, 300L], listed.Select(r => r.Step));
        Assert.Empty(await Store.ListAsync(Sweep, "no-such-trial", Ct));
    }

    [Fact]
    public async Task ReadLatest_WithNoCheckpoints_ReturnsNull() =>
        Assert.Null(await Store.ReadLatestAsync(Sweep, "never-written", Ct));

    [Fact]
    public async Task ReadLatest_SkipsCorruptLatest_ReturnsPreviousAndReportsIt() =>
        await AssertLatestIsSkippedAfter(TestPayloads.FlipBytes);

    [Fact]
    public async Task ReadLatest_SkipsTruncatedLatest_ReturnsPreviousAndReportsIt() =>
        await AssertLatestIsSkippedAfter(TestPayloads.Truncate);

    [Fact]
    public async Task Read_VerifiesTheReferencedCheckpoint()
    {
        var payload = TestPayloads.Make(6);
        var written = await Store.WriteAsync(Sweep, Trial, 100, 1, payload, Ct);
        Assert.Equal(payload, (await Store.ReadAsync(written, Ct))?.Payload);

        await TamperAsync(written, TestPayloads.FlipBytes);

        var error = await Assert.ThrowsAsync<CorruptCheckpointException>(() => Store.ReadAsync(written, Ct));
        Assert.Equal(written, error.Reference);
        Assert.Null(await Store.ReadAsync(written with { Step = 999 }, Ct));
    }

    [Fact]
    public async Task Write_WithStaleFence_IsRejected_AndNewerCheckpointIsUntouched()
    {
        var newer = TestPayloads.Make(7);
        var newerRef = await Store.WriteAsync(Sweep, Trial, 100, fence: 2, newer, Ct);

        var sameStep = await Assert.ThrowsAsync<StaleWriterException>(() => Store.WriteAsync(Sweep, Trial, 100, fence: 1, TestPayloads.Make(8), Ct));
        var laterStep = await Assert.ThrowsAsync<StaleWriterException>(() => Store.WriteAsync(Sweep, Trial, 200, fence: 1, TestPayloads.Make(9), Ct));

        Assert.Equal((1L, 2L), (sameStep.Fence, sameStep.CurrentFence));
        Assert.Equal(2L, laterStep.CurrentFence);
        var latest = await Store.ReadLatestAsync(Sweep, Trial, Ct);
        Assert.Equal(newerRef, latest?.Reference);
        Assert.Equal(newer, latest?.Payload);
        Assert.Equal([100L], (await Store.ListAsync(Sweep, Trial, Ct)).Select(r => r.Step));
    }

    [Fact]
    public async Task Write_WithHigherFence_ReplacesOlderWritersStep_AndLocksItOut()
    {
        await Store.WriteAsync(Sweep, Trial, 100, fence: 1, TestPayloads.Make(10), Ct);
        var resumed = TestPayloads.Make(11);

        var written = await Store.WriteAsync(Sweep, Trial, 100, fence: 2, resumed, Ct);

        Assert.Equal(resumed, (await Store.ReadLatestAsync(Sweep, Trial, Ct))?.Payload);
        Assert.Equal(2, written.Fence);
        await Assert.ThrowsAsync<StaleWriterException>(() => Store.WriteAsync(Sweep, Trial, 300, fence: 1, TestPayloads.Make(12), Ct));
    }

    [Fact]
    public async Task ConcurrentDuplicateActivations_OnlyTheHigherFenceSurvives()
    {
        var steps = Enumerable.Range(1, 8).Select(i => (long)i * 10).ToList();
        var stale = steps.Select(s => Store.WriteAsync(Sweep, Trial, s, fence: 1, TestPayloads.Make((int)s), Ct)).ToList();
        var fresh = steps.Select(s => Store.WriteAsync(Sweep, Trial, s, fence: 2, TestPayloads.Make((int)s + 1), Ct)).ToList();

        await Task.WhenAll(fresh);
        foreach (var write in stale)
        {
            try
            {
                await write;
            }
            catch (StaleWriterException)
            {
                // Expected once fence 2 has written; any other failure fails the test.
            }
        }

        var listed = await Store.ListAsync(Sweep, Trial, Ct);
        Assert.Equal(steps, listed.Select(r => r.Step));
        Assert.All(listed, r => Assert.Equal(2, r.Fence));
        Assert.Equal(TestPayloads.Make(81), (await Store.ReadLatestAsync(Sweep, Trial, Ct))?.Payload);
    }

    [Fact]
    public async Task Prune_KeepsLatestNAndBestK()
    {
        foreach (var step in new long[] { 100, 200, 300, 400, 500 })
        {
            await Store.WriteAsync(Sweep, Trial, step, 1, TestPayloads.Make((int)step, 64), Ct);
        }

        var scores = new Dictionary<long, double> { [100] = 0.2, [200] = 0.9, [300] = 0.4, [400] = 0.1, [500] = 0.3 };
        await Store.PruneAsync(Sweep, Trial, new RetentionPolicy(KeepLatest: 2, KeepBest: 1, scores), Ct);

        var kept = await Store.ListAsync(Sweep, Trial, Ct);
        Assert.Equal([200L, 400L, 500L], kept.Select(r => r.Step));
        Assert.False(await PayloadExistsAtAsync(CheckpointKeys.Step(Sweep, Trial, 100)));
        Assert.NotNull(await Store.ReadAsync(kept[0], Ct));
    }

    [Theory]
    [InlineData("a/b", "t")]
    [InlineData("s", "..")]
    [InlineData("", "t")]
    public async Task Write_RejectsIdsThatAreNotPlainNames(string sweep, string trial) =>
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.WriteAsync(sweep, trial, 1, 1, TestPayloads.Make(1), Ct));

    private async Task AssertLatestIsSkippedAfter(Func<byte[], byte[]> damage)
    {
        var previous = TestPayloads.Make(20);
        var previousRef = await Store.WriteAsync(Sweep, Trial, 100, 1, previous, Ct);
        var latestRef = await Store.WriteAsync(Sweep, Trial, 200, 1, TestPayloads.Make(21), Ct);
        await TamperAsync(latestRef, damage);

        var loaded = await Store.ReadLatestAsync(Sweep, Trial, Ct);

        Assert.NotNull(loaded);
        Assert.Equal(previousRef, loaded.Reference);
        Assert.Equal(previous, loaded.Payload);
        Assert.Equal([latestRef], loaded.SkippedCorrupt);
    }
}
