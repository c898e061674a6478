using System.Collections.Concurrent;
using System.Threading.Channels;
using Byol.Contracts.Sweeps;
using Byol.Grains.Checkpoints;
using Byol.Model.Data;
using Byol.Model.Runtime;
using Byol.Model.Training;
using Microsoft.Extensions.Logging;

namespace Byol.Grains.Training;

/// <summary>
/// One training segment on a thread of its own (TorchSharp's dispose scopes and grad mode are per thread; the
/// Orleans scheduler is never blocked). Checkpoints are serialized on the training thread and uploaded by a
/// separate task, so a slow or unreachable store never stalls training; the grain drains <see cref="Events"/>.
/// </summary>
public sealed class TrainingSession : ITrainingSession
{
    private readonly TrainingOptions options;
    private readonly Func<ImageSet> loadData;
    private readonly byte[]? resumeFrom;
    private readonly long stopAt;
    private readonly long checkpointEvery;
    private readonly ICheckpointStore store;
    private readonly string sweepId;
    private readonly string trialId;
    private readonly long fence;
    private readonly ILogger logger;
    private readonly TorchSharp.torch.Device device;
    private readonly CancellationTokenSource cancel = new();
    private readonly CancellationTokenSource drain = new();
    private readonly Channel<(long Step, byte[] Payload)> uploads =
        Channel.CreateBounded<(long, byte[])>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? thread;
    private CheckpointRef? lastStored;
    private long step;

    public ConcurrentQueue<TrainingSessionEvent> Events { get; } = new();
    public long Step => Interlocked.Read(ref step);
    public long StopAt => stopAt;
    public Task Completion => finished.Task;
    public CheckpointRef? LastStored => lastStored;

    public TrainingSession(TrainingOptions options, Func<ImageSet> loadData, byte[]? resumeFrom, long stopAt, long checkpointEvery,
        ICheckpointStore store, string sweepId, string trialId, long fence, CheckpointRef? previous, TorchSharp.torch.Device device, ILogger logger)
    {
        this.device = device;
        this.options = options;
        this.loadData = loadData;
        this.resumeFrom = resumeFrom;
        this.stopAt = Math.Min(stopAt, options.Steps);
        this.checkpointEvery = checkpointEvery;
        this.store = store;
        this.sweepId = sweepId;
        this.trialId = trialId;
        this.fence = fence;
        this.logger = logger;
        lastStored = previous;
    }

    public void Start()
    {
        thread = new Thread(RunOnThread) { IsBackground = true, Name = $"byol-train {sweepId}/{trialId}" };
        thread.Start();
    }

    public void Cancel() => cancel.Cancel();

    public void Drain() => drain.Cancel();

    private void RunOnThread()
    {
        var uploader = Task.Run(UploadLoop);
        TrainingSessionEvent.Ended ended;
        try
        {
            using var run = new TrainingRun(options, loadData(), device);
            if (resumeFrom is not null)
                run.Load(new MemoryStream(resumeFrom));
            Interlocked.Exchange(ref step, run.Step);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, drain.Token);
            while (run.Step < stopAt && !stop.IsCancellationRequested)
            {
                var metrics = run.TrainStep();
                Interlocked.Exchange(ref step, run.Step);
                if (metrics is not null)
                    Events.Enqueue(new TrainingSessionEvent.Metrics(metrics));
                if ((checkpointEvery > 0 && run.Step % checkpointEvery == 0) || run.Step == stopAt)
                    EnqueueCheckpoint(run);
            }
            if (cancel.IsCancellationRequested)
            {
                ended = new(SegmentOutcome.Cancelled, run.Step, null, null);
            }
            else
            {
                if (drain.IsCancellationRequested && (lastStored is null || lastStored.Step != run.Step))
                    EnqueueCheckpoint(run);
                uploads.Writer.TryComplete();
                uploader.Wait();
                var outcome = drain.IsCancellationRequested && run.Step < stopAt ? SegmentOutcome.Interrupted : SegmentOutcome.ReachedTarget;
                ended = lastStored is { } stored && stored.Step == run.Step
                    ? new(outcome, run.Step, stored, null)
                    : new(SegmentOutcome.Failed, run.Step, lastStored, "the final checkpoint could not be stored");
            }
        }
        catch (Exception e) when (e is TrainingDivergedException or DataSourceException or CheckpointFormatException or ArgumentException or InvalidOperationException or AggregateException)
        {
            var reason = e is AggregateException a ? a.InnerException?.Message ?? a.Message : e.Message;
            logger.LogWarning("Trial {Sweep}/{Trial} failed: {Reason}", sweepId, trialId, reason);
            ended = new(SegmentOutcome.Failed, Step, lastStored, reason);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Trial {Sweep}/{Trial} failed unexpectedly", sweepId, trialId);
            ended = new(SegmentOutcome.Failed, Step, lastStored, e.GetType().Name + ": " + e.Message);
        }
        uploads.Writer.TryComplete();
        NativeHeap.Trim(); // the run's tensors are gone: give their kept pages back before the slot takes the next trial
        Events.Enqueue(ended);
        finished.TrySetResult();
    }

    private void EnqueueCheckpoint(TrainingRun run)
    {
        using var buffer = new MemoryStream();
        run.Save(buffer);
        uploads.Writer.TryWrite((run.Step, buffer.ToArray()));
    }

    private async Task UploadLoop()
    {
        await foreach (var (atStep, payload) in uploads.Reader.ReadAllAsync())
        {
            try
            {
                var stored = await store.WriteAsync(sweepId, trialId, atStep, fence, payload, CancellationToken.None);
                lastStored = stored;
                Events.Enqueue(new TrainingSessionEvent.CheckpointStored(stored));
            }
            catch (StaleWriterException)
            {
                logger.LogWarning("Trial {Sweep}/{Trial}: a newer activation owns this trial; stopping this one", sweepId, trialId);
                cancel.Cancel();
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Trial {Sweep}/{Trial}: checkpoint at step {Step} could not be stored", sweepId, trialId, atStep);
            }
        }
    }

    public void Dispose()
    {
        cancel.Dispose();
        drain.Dispose();
    }
}
