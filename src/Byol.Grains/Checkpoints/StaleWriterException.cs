namespace Byol.Grains.Checkpoints;

/// <summary>A checkpoint write was rejected because a writer with a higher fence token has written for the trial.
/// The caller is a stale duplicate activation and must stop training; retrying cannot help.</summary>
public sealed class StaleWriterException : Exception
{
    public StaleWriterException(string sweepId, string trialId, long fence, long currentFence)
        : base($"Checkpoint write for {sweepId}/{trialId} with fence {fence} rejected: a writer with fence {currentFence} has written since.")
    {
        SweepId = sweepId;
        TrialId = trialId;
        Fence = fence;
        CurrentFence = currentFence;
    }

    public string SweepId { get; }
    public string TrialId { get; }
    public long Fence { get; }
    public long CurrentFence { get; }
}
