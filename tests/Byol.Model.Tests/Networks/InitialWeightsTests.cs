using Byol.Model.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Networks;

/// <summary>
/// Initial weights come from the seed alone, not from libtorch's global generator, which other trials, evaluations
/// and tests of the process draw from at any time; and they follow the schemes the encoder and heads are built with.
/// </summary>
public sealed class InitialWeightsTests
{
    private static readonly NetworkOptions Small = new() { Encoder = "small-resnet", ProjectorHidden = 32, ProjectorOut = 16, PredictorHidden = 24 };

    [Fact]
    public void A_seed_gives_the_same_networks_whatever_the_global_generator_holds()
    {
        manual_seed(1);
        using var first = ByolNetworks.Create(Small, 1, seed: 7);
        manual_seed(2);
        using var drawn = randn(1000); // as another thread would, between the two builds
        using var second = ByolNetworks.Create(Small, 1, seed: 7);
        using var other = ByolNetworks.Create(Small, 1, seed: 8);

        var (a, b, c) = (NetworkState.Of(first), NetworkState.Of(second), NetworkState.Of(other));
        Assert.Equal(a.Keys, b.Keys);
        Assert.All(a.Keys, name => Assert.True(a[name].equal(b[name]).all().item<bool>(), $"{name} differs for one seed"));
        var stem = a.Keys.First(name => name.StartsWith("online.") && name.EndsWith("stem.conv.weight"));
        Assert.False(a[stem].equal(c[stem]).all().item<bool>(), "another seed gives other weights");
    }

    [Fact]
    public void Convolutions_are_he_normal_over_the_fan_out_and_linear_layers_pytorch_uniform()
    {
        using var generator = new Generator(11);
        using var encoder = new ResNetEncoder(ResNetArchitecture.FromName("resnet18-cifar"), 3, generator);
        // A 3x3 convolution of 256 -> 256 channels: fan-out 256 * 9, so std sqrt(2 / 2304) = 0.02946.
        var conv = encoder.modules().OfType<Conv2d>().First(c => c.weight!.shape.SequenceEqual(new long[] { 256, 256, 3, 3 }));
        Assert.Equal(Math.Sqrt(2.0 / (256 * 9)), conv.weight!.std().item<float>(), 3e-4);
        Assert.Equal(0, conv.weight!.mean().item<float>(), 3e-4);

        using var mlp = new Mlp(512, 4096, 256, generator);
        var fc1 = mlp.modules().OfType<Linear>().First();
        var bound = 1 / Math.Sqrt(512);
        Assert.InRange(fc1.weight!.abs().max().item<float>(), 0.99 * bound, bound);
        Assert.InRange(fc1.bias!.abs().max().item<float>(), 0.9 * bound, bound);
        // Uniform in [-b, b]: std b / sqrt 3.
        Assert.Equal(bound / Math.Sqrt(3), fc1.weight!.std().item<float>(), 2e-4);
    }
}
