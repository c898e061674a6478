using Byol.Grains.Checkpoints;

namespace Byol.Grains.Tests.Checkpoints;

/// <summary>A store whose every call runs <see cref="Behaviour"/> with the 1-based attempt number.</summary>
internal sealed class FlakyStore(Func<int, Exception?> behaviour) : ICheckpointStore
{
    private int _calls;

    public int Calls => _calls;

    public Func<int, Exception?> Behaviour { get; } = behaviour;

    public Task<CheckpointRef> WriteAsync(string sweepId, string trialId, long step, long fence, ReadOnlyMemory<byte> payload, CancellationToken ct) =>
        Run(() => new CheckpointRef(sweepId, trialId, step, new string('0', 64), payload.Length, fence, DateTimeOffset.UnixEpoch));

    public Task<LoadedCheckpoint?> ReadLatestAsync(string sweepId, string trialId, CancellationToken ct) => Run<LoadedCheckpoint?>(() => null);

    public Task<LoadedCheckpoint?> ReadAsync(CheckpointRef reference, CancellationToken ct) => Run<LoadedCheckpoint?>(() => null);

    public Task<IReadOnlyList<CheckpointRef>> ListAsync(string sweepId, string trialId, CancellationToken ct) =>
        Run<IReadOnlyList<CheckpointRef>>(() => []);

    public Task PruneAsync(string sweepId, string trialId, RetentionPolicy policy, CancellationToken ct) => Run(() => true);

    private Task<T> Run<T>(Func<T> result) =>
        Behaviour(Interlocked.Increment(ref _calls)) is { } error ? Task.FromException<T>(error) : Task.FromResult(result());
}
