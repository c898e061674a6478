namespace Byol.Grains.Checkpoints;

/// <summary>Exponential backoff with jitter: attempt n waits a random time between half and all of
/// <c>min(MaxDelay, BaseDelay * 2^n)</c>, never past the end of the retry budget.</summary>
public sealed record RetryBackoff(TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public RetryBackoff() : this(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(15))
    {
    }

    /// <param name="attempt">0 for the wait before the first retry.</param>
    /// <param name="remaining">What is left of the retry budget.</param>
    /// <param name="unitRandom">A number in [0, 1).</param>
    public TimeSpan Delay(int attempt, TimeSpan remaining, double unitRandom)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var jittered = TimeSpan.FromMilliseconds(capped * (0.5 + 0.5 * unitRandom));
        return remaining <= TimeSpan.Zero ? TimeSpan.Zero : jittered < remaining ? jittered : remaining;
    }
}
