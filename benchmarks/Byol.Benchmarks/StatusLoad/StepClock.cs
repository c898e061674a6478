using System.Diagnostics;
using Byol.Contracts.Grains;

namespace Byol.Benchmarks.StatusLoad;

/// <summary>A moment a training step completed: the trainer's step counter and this process's timestamp.</summary>
public readonly record struct StepMark(long Step, long Fence, long Timestamp)
{
    public static double Seconds(StepMark from, StepMark to) => Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
}

/// <summary>
/// Finds the moment the trainer's next step completes by polling <see cref="ITrainerGrain.Status"/> every few
/// milliseconds, so a phase spans whole steps and its rate has no rounding error of up to one step.
/// </summary>
public static class StepClock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    public static async Task<StepMark> NextStepAsync(ITrainerGrain trainer)
    {
        var first = await trainer.Status();
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(Poll);
            var status = await trainer.Status();
            if (!status.Running || status.Fence != first.Fence)
                throw new InvalidOperationException("the trial stopped training during the measurement");
            if (status.Step > first.Step)
                return new StepMark(status.Step, status.Fence, Stopwatch.GetTimestamp());
        }
        throw new TimeoutException("the trial made no step within a minute");
    }
}
