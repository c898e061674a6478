using Byol.Model.Training;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Training;

/// <summary>"Resume equals continuous": N steps straight and N/2 + checkpoint + resume + N/2 give the same losses and weights.</summary>
public sealed class ResumeTests
{
    private static TrainingOptions Tiny => TrainingFixtures.Small(steps: 8, batch: 16) with { LogEvery = 1 };

    private static float[] Weights(TrainingRun run) =>
        cat(run.Networks.Online.parameters().Concat(run.Networks.Target.parameters()).Concat(run.Networks.Predictor!.parameters())
            .Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();

    [Fact]
    public void Resuming_from_a_checkpoint_continues_exactly()
    {
        var data = TrainingFixtures.FashionTrain;
        using var straight = new TrainingRun(Tiny, data);
        var straightLosses = Enumerable.Range(0, 8).Select(_ => straight.TrainStep()!.Loss).ToList();

        using var first = new TrainingRun(Tiny, data);
        var resumedLosses = Enumerable.Range(0, 4).Select(_ => first.TrainStep()!.Loss).ToList();
        var checkpoint = new MemoryStream();
        first.Save(checkpoint);

        using var second = new TrainingRun(Tiny with { Seed = 0 }, data);
        second.Load(new MemoryStream(checkpoint.ToArray()));
        Assert.Equal(4, second.Step);
        Assert.Equal(first.DataPosition, second.DataPosition);
        resumedLosses.AddRange(Enumerable.Range(0, 4).Select(_ => second.TrainStep()!.Loss));

        Assert.Equal(straightLosses, resumedLosses);
        Assert.Equal(Weights(straight), Weights(second));
    }

    [Fact]
    public void A_corrupt_checkpoint_is_a_clear_error()
    {
        using var run = new TrainingRun(Tiny, TrainingFixtures.FashionTrain);
        run.TrainStep();
        var bytes = Save(run);
        bytes[bytes.Length / 2] ^= 0xff;
        using var other = new TrainingRun(Tiny, TrainingFixtures.FashionTrain);
        var e = Assert.Throws<CheckpointFormatException>(() => other.Load(new MemoryStream(bytes)));
        Assert.Contains("checksum", e.Message);
        Assert.Equal(0, other.Step);
    }

    [Fact]
    public void A_truncated_checkpoint_is_a_clear_error()
    {
        using var run = new TrainingRun(Tiny, TrainingFixtures.FashionTrain);
        var bytes = Save(run);
        using var other = new TrainingRun(Tiny, TrainingFixtures.FashionTrain);
        var e = Assert.Throws<CheckpointFormatException>(() => other.Load(new MemoryStream(bytes[..(bytes.Length - 100)])));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_checkpoint_of_another_architecture_is_refused()
    {
        using var run = new TrainingRun(Tiny, TrainingFixtures.FashionTrain);
        var bytes = Save(run);
        var wider = Tiny with { Network = Tiny.Network with { ProjectorOut = 32 } };
        using var other = new TrainingRun(wider, TrainingFixtures.FashionTrain);
        var e = Assert.Throws<CheckpointFormatException>(() => other.Load(new MemoryStream(bytes)));
        Assert.Contains("proj 256x64", e.Message);
    }

    private static byte[] Save(TrainingRun run)
    {
        var stream = new MemoryStream();
        run.Save(stream);
        return stream.ToArray();
    }
}
