using Byol.Model.Networks;
using Byol.Model.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Objectives;

public sealed class TargetNetworkUpdateTests
{
    private static readonly NetworkOptions Small = new() { Encoder = "small-resnet", ProjectorHidden = 32, ProjectorOut = 16, PredictorHidden = 32, TargetInit = TargetInit.Seed };

    private static float[] Flat(nn.Module m) => cat(m.parameters().Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();

    [Fact]
    public void Tau_zero_copies_the_online_weights()
    {
        using var nets = ByolNetworks.Create(Small, 1, seed: 1);
        Assert.NotEqual(Flat(nets.Online), Flat(nets.Target));
        new TargetNetworkUpdate(nets.Online, nets.Target).Apply(0.0);
        Assert.Equal(Flat(nets.Online), Flat(nets.Target));
    }

    [Fact]
    public void Tau_one_leaves_the_target_unchanged()
    {
        using var nets = ByolNetworks.Create(Small, 1, seed: 2);
        var before = Flat(nets.Target);
        new TargetNetworkUpdate(nets.Online, nets.Target).Apply(1.0);
        Assert.Equal(before, Flat(nets.Target));
    }

    [Fact]
    public void Known_tau_gives_the_weighted_average()
    {
        using var nets = ByolNetworks.Create(Small, 1, seed: 3);
        var online = Flat(nets.Online);
        var target = Flat(nets.Target);
        new TargetNetworkUpdate(nets.Online, nets.Target).Apply(0.75);
        var after = Flat(nets.Target);
        for (var i = 0; i < after.Length; i++)
            Assert.Equal(0.75f * target[i] + 0.25f * online[i], after[i], 1e-6f);
    }

    [Fact]
    public void Batch_norm_statistics_are_not_averaged()
    {
        using var nets = ByolNetworks.Create(Small, 1, seed: 4);
        nets.Train();
        using (var _ = no_grad())
            nets.Online.call(randn(8, 1, 28, 28) * 5 + 3).Dispose();
        var onlineStats = nets.Online.named_buffers().First(b => b.name.EndsWith("running_mean")).buffer.data<float>().ToArray();
        var targetStatsBefore = nets.Target.named_buffers().First(b => b.name.EndsWith("running_mean")).buffer.data<float>().ToArray();
        new TargetNetworkUpdate(nets.Online, nets.Target).Apply(0.0);
        var targetStatsAfter = nets.Target.named_buffers().First(b => b.name.EndsWith("running_mean")).buffer.data<float>().ToArray();
        Assert.NotEqual(onlineStats, targetStatsAfter);
        Assert.Equal(targetStatsBefore, targetStatsAfter);
    }

    [Fact]
    public void Copy_init_starts_the_target_equal_to_the_online_network()
    {
        using var nets = ByolNetworks.Create(Small with { TargetInit = TargetInit.Copy }, 1, seed: 5);
        Assert.Equal(Flat(nets.Online), Flat(nets.Target));
    }
}
