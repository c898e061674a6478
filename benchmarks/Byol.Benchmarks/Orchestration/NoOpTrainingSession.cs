using System.Collections.Concurrent;
using Byol.Contracts.Sweeps;
using Byol.Grains.Training;

namespace Byol.Benchmarks.Orchestration;

/// <summary>
/// A training segment that does no work: it reaches its stop step at once (or after <paramref name="duration"/>)
/// without a model, data or checkpoint, and records how long it held its slot.
/// </summary>
public sealed class NoOpTrainingSession(long stopAt, TimeSpan duration, SlotOccupancyLog log) : ITrainingSession
{
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long startedAt;
    private int ended;
    private long step;

    public ConcurrentQueue<TrainingSessionEvent> Events { get; } = new();
    public long Step => Interlocked.Read(ref step);
    public long StopAt => stopAt;
    public Task Completion => finished.Task;

    public void Start()
    {
        startedAt = log.Begin();
        if (duration <= TimeSpan.Zero)
            End(SegmentOutcome.ReachedTarget, stopAt);
        else
            _ = Task.Delay(duration).ContinueWith(_ => End(SegmentOutcome.ReachedTarget, stopAt), TaskScheduler.Default);
    }

    public void Cancel() => End(SegmentOutcome.Cancelled, Step);

    public void Drain() => End(SegmentOutcome.Interrupted, Step);

    private void End(SegmentOutcome outcome, long atStep)
    {
        if (Interlocked.Exchange(ref ended, 1) == 1)
            return;
        Interlocked.Exchange(ref step, atStep);
        log.End("train", startedAt);
        Events.Enqueue(new TrainingSessionEvent.Ended(outcome, atStep, null, null));
        finished.TrySetResult();
    }

    public void Dispose() { }
}
