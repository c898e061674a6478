using System.Collections.Concurrent;

namespace Byol.Grains.Training;

/// <summary>
/// One training segment of a trial, running off the Orleans scheduler. The trainer grain starts it, drains
/// <see cref="Events"/> (metrics, stored checkpoints, the end) and reports them; <see cref="TrainingSession"/> is the
/// real one, a benchmark host may supply another through <see cref="ITrainingSessionFactory"/>.
/// </summary>
public interface ITrainingSession : IDisposable
{
    ConcurrentQueue<TrainingSessionEvent> Events { get; }

    /// <summary>The step reached so far (read from any thread).</summary>
    long Step { get; }

    long StopAt { get; }

    /// <summary>Completes once the segment has ended and its <see cref="TrainingSessionEvent.Ended"/> is queued.</summary>
    Task Completion { get; }

    void Start();

    /// <summary>Stop within one step; no further checkpoint.</summary>
    void Cancel();

    /// <summary>Checkpoint at the next step boundary and stop (the silo is leaving).</summary>
    void Drain();
}
