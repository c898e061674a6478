using System.Diagnostics;
using Byol.Model.Augmentations;
using Byol.Model.Data;
using Byol.Model.Evaluation;
using Byol.Model.Networks;
using Byol.Model.Objectives;
using Byol.Model.Optimization;
using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Training;

/// <summary>
/// One BYOL training run: networks, optimizer, target update, augmentations, data order and random state.
/// <see cref="TrainStep"/> is the only place where model, loss and target update meet, in the paper's order:
/// forward each view through the online network, forward each view through the target, symmetric loss,
/// optimizer step, then the EMA of the target with the scheduled τ. A run is owned by one thread for its life; on a
/// CPU with two or more intra-op threads its step lends the second view's forward and backward to a lane thread of
/// the run's own for the length of the step (<see cref="ViewLanes"/>).
/// </summary>
public sealed class TrainingRun : IDisposable
{
    private readonly ImageSet data;
    private readonly ISelfSupervisedObjective objective;
    private readonly ITrainingOptimizer optimizer;
    private readonly TargetNetworkUpdate targetUpdate;
    private readonly ViewAugmenter augment1;
    private readonly ViewAugmenter augment2;
    private readonly Generator generator;
    private readonly InputNormalization normalization;
    private readonly double peakLearningRate;
    private ShuffledOrder order;
    private readonly Stopwatch sinceLastReport = new();
    private long imagesSinceLastReport;
    private ViewLanes? viewLanes; // decided at the first step, on the thread that trains (its intra-op threads are split)
    private bool viewLanesDecided;

    public TrainingOptions Options { get; }
    public ByolNetworks Networks { get; }
    public Device Device { get; }
    public long Step { get; private set; }
    public bool IsFinished => Step >= Options.Steps;
    /// <summary>Whether the steps run their two views on two threads (<see cref="ViewLanes"/>); decided at the first step.</summary>
    public bool UsesViewLanes => viewLanes is not null;
    public ShuffledOrderState DataPosition => order.State;
    public InputNormalization Normalization => normalization;

    public TrainingRun(TrainingOptions options, ImageSet data, Device? device = null)
    {
        Options = options;
        this.data = data;
        Device = device ?? CPU;
        Networks = ByolNetworks.Create(options.Network, data.Channels, options.Seed, Device);
        Networks.Train();
        objective = SelfSupervisedObjectives.Create(options.Objective, options.Temperature);
        optimizer = TrainingOptimizers.Create(options.Optimizer, Networks.TrainableParameters());
        targetUpdate = new TargetNetworkUpdate(Networks.Online, Networks.Target);
        augment1 = new ViewAugmenter(options.View1, options.ImageSize);
        augment2 = new ViewAugmenter(options.View2, options.ImageSize);
        generator = new Generator((ulong)options.Seed);
        order = new ShuffledOrder(data.Count, unchecked((int)options.Seed));
        var (mean, std) = data.ChannelStatistics();
        normalization = new InputNormalization(mean, std, Device);
        peakLearningRate = LearningRateSchedule.PeakLearningRate(options.Optimizer.BaseLr, options.BatchSize);
    }

    public double LearningRateAt(long step) =>
        LearningRateSchedule.At(step, Options.Steps, Options.Optimizer.WarmupSteps, peakLearningRate);

    public double TauAt(long step) => TauSchedule.At(step, Options.Steps, Options.TauBase);

    /// <summary>One optimization step. Returns metrics when this step is a reporting step, else null.</summary>
    public TrainingMetrics? TrainStep()
    {
        if (IsFinished)
            throw new InvalidOperationException($"the run already finished its {Options.Steps} steps");
        if (!sinceLastReport.IsRunning)
            sinceLastReport.Start();

        using var scope = NewDisposeScope();
        var indices = order.NextBatch(Options.BatchSize);
        var images = data.ToTensor(indices, Device);
        if (!viewLanesDecided)
        {
            viewLanes = ViewLanes.TryCreate(Options.ViewLanes, Networks, objective, Device);
            viewLanesDecided = true;
        }

        using var laneThreads = viewLanes?.OnCallingThread();
        var updates = viewLanes?.Updates ?? ParameterUpdates.OnCallingThread;
        optimizer.ZeroGrad(updates);
        Tensor loss, z1;
        if (viewLanes is not null)
        {
            // The views' random parameters come from the run's generator in the one-thread order (view 1, then view 2);
            // each lane then makes its own view from them.
            var draws1 = ViewAugmenter.Draw(generator, indices.Length);
            var draws2 = ViewAugmenter.Draw(generator, indices.Length);
            (loss, z1) = viewLanes.ForwardBackward(() => PrepareView(augment1.Apply(images, draws1)), () => PrepareView(augment2.Apply(images, draws2)));
        }
        else
        {
            (loss, z1) = ForwardBackward(PrepareView(augment1.Apply(images, generator)), PrepareView(augment2.Apply(images, generator)));
        }

        var lr = LearningRateAt(Step);
        optimizer.Step(lr, updates);
        var tau = TauAt(Step);
        if (objective.NeedsTarget)
            targetUpdate.Apply(tau, updates);

        Step++;
        imagesSinceLastReport += indices.Length;
        if (Step % Options.LogEvery != 0 && !IsFinished)
            return null;

        var lossValue = loss.item<float>();
        if (!float.IsFinite(lossValue))
            throw new TrainingDivergedException(Step, lossValue);
        var zStd = CollapseMetric.ZStd(z1.detach());
        var seconds = Math.Max(sinceLastReport.Elapsed.TotalSeconds, 1e-9);
        var metrics = new TrainingMetrics(Step, Options.Steps, lossValue, tau, lr, zStd, imagesSinceLastReport / seconds, order.State.Epoch);
        sinceLastReport.Restart();
        imagesSinceLastReport = 0;
        return metrics;
    }

    /// <summary>An augmented view, normalized, in the layout the networks take on this device.</summary>
    private Tensor PrepareView(Tensor augmented)
    {
        var view = normalization.Apply(augmented);
        return ChannelsLast.IsUsedOn(Device) ? ChannelsLast.Convert(view) : view;
    }

    /// <summary>Forward of each view through the online network and the target, the symmetric loss, its backward.</summary>
    private (Tensor Loss, Tensor Projection1) ForwardBackward(Tensor view1, Tensor view2)
    {
        var z1 = Networks.Online.call(view1);
        var z2 = Networks.Online.call(view2);
        var q1 = Networks.Predictor?.call(z1);
        var q2 = Networks.Predictor?.call(z2);
        Tensor? t1 = null, t2 = null;
        if (objective.NeedsTarget)
        {
            using var _ = no_grad();
            t1 = Networks.Target.call(view1);
            t2 = Networks.Target.call(view2);
        }
        var loss = objective.Loss(new ViewPairOutputs(z1, z2, q1, q2, t1, t2));
        loss.backward();
        return (loss, z1);
    }

    /// <summary>
    /// Trains until the last step or until cancelled (checked between steps). Calls <paramref name="onMetrics"/>
    /// on reporting steps and <paramref name="onCheckpointDue"/> every <paramref name="checkpointEvery"/> steps and at the end.
    /// </summary>
    public void Run(CancellationToken cancellation, Action<TrainingMetrics>? onMetrics = null,
        long checkpointEvery = 0, Action<TrainingRun>? onCheckpointDue = null)
    {
        while (!IsFinished && !cancellation.IsCancellationRequested)
        {
            var metrics = TrainStep();
            if (metrics is not null)
                onMetrics?.Invoke(metrics);
            if (onCheckpointDue is not null && ((checkpointEvery > 0 && Step % checkpointEvery == 0) || IsFinished))
                onCheckpointDue(this);
        }
    }

    /// <summary>Writes the whole training state: weights, batch-norm statistics, optimizer, step, data position, RNG.</summary>
    public void Save(Stream stream) => TrainingCheckpoint.Write(stream, this, WriteState);

    /// <summary>Restores a state written by <see cref="Save"/> onto this run (built with the same options and data).</summary>
    public void Load(Stream stream) => TrainingCheckpoint.Read(stream, Options.Fingerprint, ReadState);

    private void WriteState(BinaryWriter w)
    {
        w.Write(Options.Fingerprint);
        w.Write(Step);
        w.Write(order.State.Epoch);
        w.Write(order.State.Position);
        using (var state = generator.get_state())
        {
            var bytes = state.data<byte>().ToArray();
            w.Write(bytes.Length);
            w.Write(bytes);
        }
        Networks.Online.save(w);
        w.Write(Networks.Predictor is not null);
        Networks.Predictor?.save(w);
        Networks.Target.save(w);
        optimizer.Save(w);
    }

    private void ReadState(BinaryReader r)
    {
        var fingerprint = r.ReadString();
        if (fingerprint != Options.Fingerprint)
            throw new CheckpointFormatException($"checkpoint was written for '{fingerprint}' but this run is '{Options.Fingerprint}'");
        var step = r.ReadInt64();
        var position = new ShuffledOrderState(r.ReadInt32(), r.ReadInt32());
        var generatorState = r.ReadBytes(r.ReadInt32());
        Networks.Online.load(r, strict: true);
        var hasPredictor = r.ReadBoolean();
        if (hasPredictor != (Networks.Predictor is not null))
            throw new CheckpointFormatException("checkpoint and run disagree on whether there is a predictor");
        Networks.Predictor?.load(r, strict: true);
        Networks.Target.load(r, strict: true);
        optimizer.Load(r);
        using (var state = tensor(generatorState, dtype: ScalarType.Byte))
            generator.set_state(state);
        order = ShuffledOrder.Restore(data.Count, unchecked((int)Options.Seed), position);
        Step = step;
    }

    public void Dispose()
    {
        viewLanes?.Dispose();
        optimizer.Dispose();
        Networks.Dispose();
        normalization.Dispose();
        generator.Dispose();
    }
}
