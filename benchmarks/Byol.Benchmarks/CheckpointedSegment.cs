using Byol.Grains.Checkpoints;
using Byol.Grains.Training;
using Byol.Model.Data;
using Byol.Model.Training;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Byol.Benchmarks;

/// <summary>
/// What one training segment measured: throughput over all timed report windows, over the windows that hold a
/// checkpoint and over those that hold none (NaN where there is none such), the checkpoints stored, and one cost per
/// checkpoint period: a window holding a checkpoint and the window after it, which holds none, against twice the
/// latter (1 - 2 t_without / (t_with + t_without), in %; empty without checkpoints).
/// </summary>
internal sealed record SegmentResult(
    double ImagesPerSecond, double WithCheckpointImagesPerSecond, double WithoutCheckpointImagesPerSecond,
    int CheckpointsInWindows, int CheckpointsStored, long CheckpointBytes, IReadOnlyList<double> PeriodCostsPercent);

/// <summary>
/// One training segment exactly as a trainer grain runs it: a <see cref="TrainingSession"/> (its own training thread;
/// each checkpoint serialized on that thread with <see cref="TrainingRun.Save"/>, then handed through the session's
/// bounded channel to its upload task) writing into a <see cref="FileSystemCheckpointStore"/> on a local directory.
/// Throughput is read from the run's own reports (one every <c>logEvery</c> steps, each covering the steps since the
/// previous one): the first window is warmup; a checkpoint due at step k falls into the window after k's report, so
/// a window holds the checkpoint of its start. With reports twice as often as checkpoints, windows with and without a
/// checkpoint alternate within one run, which pairs them in time. The session's final checkpoint comes after the last
/// report.
/// </summary>
internal static class CheckpointedSegment
{
    public static SegmentResult Run(TrainingOptions options, ImageSet data, long checkpointEvery, string directory, string trialId)
    {
        var store = new FileSystemCheckpointStore(directory);
        var session = new TrainingSession(options, () => data, resumeFrom: null, stopAt: options.Steps, checkpointEvery, store,
            "benchmark", trialId, fence: 1, previous: null, CPU, NullLogger.Instance);
        session.Start();
        session.Completion.GetAwaiter().GetResult();
        session.Dispose();

        var windows = new List<TrainingMetrics>();
        var stored = new List<CheckpointRef>();
        string? failure = null;
        foreach (var e in session.Events)
        {
            switch (e)
            {
                case TrainingSessionEvent.Metrics m: windows.Add(m.Value); break;
                case TrainingSessionEvent.CheckpointStored c: stored.Add(c.Reference); break;
                case TrainingSessionEvent.Ended end when end.Error is not null: failure = end.Error; break;
            }
        }
        if (failure is not null)
            throw new InvalidOperationException($"training segment failed: {failure}");
        if (windows.Count < 2)
            throw new ArgumentException("the segment needs at least two report windows (--steps >= 2 x --log-every)");

        if (Environment.GetEnvironmentVariable("BYOL_BENCH_VERBOSE") == "1")
            foreach (var w in windows)
                Console.Error.WriteLine(FormattableString.Invariant($"  {trialId}: window to step {w.Step}: {w.ImagesPerSecond:F1} img/s"));
        // A window holds the checkpoint due at its first step (taken after that step's report).
        var timed = windows.Skip(1).Select(w => (Images: (double)(w.Step - PreviousStep(windows, w)) * options.BatchSize, Window: w,
            Checkpoint: checkpointEvery > 0 && PreviousStep(windows, w) % checkpointEvery == 0)).ToList();
        double Rate(IEnumerable<(double Images, TrainingMetrics Window, bool Checkpoint)> some)
        {
            var list = some.ToList();
            return list.Count == 0 ? double.NaN : list.Sum(x => x.Images) / list.Sum(x => x.Images / x.Window.ImagesPerSecond);
        }
        var periodCosts = new List<double>();
        for (var i = 0; i + 1 < timed.Count; i++)
        {
            if (!timed[i].Checkpoint || timed[i + 1].Checkpoint || timed[i].Images != timed[i + 1].Images)
                continue;
            var (withSeconds, withoutSeconds) = (1 / timed[i].Window.ImagesPerSecond, 1 / timed[i + 1].Window.ImagesPerSecond);
            periodCosts.Add(100 * (1 - (2 * withoutSeconds / (withSeconds + withoutSeconds))));
        }
        return new SegmentResult(Rate(timed), Rate(timed.Where(x => x.Checkpoint)), Rate(timed.Where(x => !x.Checkpoint)),
            timed.Count(x => x.Checkpoint), stored.Count, stored.Count > 0 ? stored[^1].Length : 0, periodCosts);
    }

    private static long PreviousStep(List<TrainingMetrics> windows, TrainingMetrics window)
    {
        var index = windows.IndexOf(window);
        return index == 0 ? 0 : windows[index - 1].Step;
    }
}
