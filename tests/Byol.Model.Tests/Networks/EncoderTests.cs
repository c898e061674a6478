using Byol.Model.Networks;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Networks;

public sealed class EncoderTests
{
    [Theory]
    [InlineData("small-resnet", 1, 28, 64)]
    [InlineData("resnet18-cifar", 3, 32, 512)]
    [InlineData("resnet18", 3, 64, 512)]
    [InlineData("resnet50", 3, 64, 2048)]
    public void Encoders_output_their_representation_size(string name, int channels, int side, int size)
    {
        using var initialization = new Generator(1);
        using var encoder = new ResNetEncoder(ResNetArchitecture.FromName(name), channels, initialization);
        encoder.eval();
        using var _ = no_grad();
        using var y = encoder.call(randn(2, channels, side, side));
        Assert.Equal(new long[] { 2, size }, y.shape);
        Assert.Equal(size, encoder.RepresentationSize);
    }

    [Fact]
    public void Cifar_stem_keeps_resolution_and_imagenet_stem_quarters_it()
    {
        Assert.Equal(StemKind.Cifar, ResNetArchitecture.FromName("resnet18-cifar").Stem);
        Assert.Equal(StemKind.ImageNet, ResNetArchitecture.FromName("resnet18").Stem);
    }

    [Fact]
    public void Unknown_encoder_is_named_in_the_error()
    {
        var e = Assert.Throws<ArgumentException>(() => ResNetArchitecture.FromName("vgg"));
        Assert.Contains("'vgg'", e.Message);
    }

    [Fact]
    public void Networks_have_the_configured_head_sizes_and_the_target_takes_no_gradient()
    {
        var options = new NetworkOptions { Encoder = "small-resnet", ProjectorHidden = 48, ProjectorOut = 24, PredictorHidden = 40 };
        using var nets = ByolNetworks.Create(options, 1, seed: 0);
        Assert.Equal(48, nets.Online.Projector.HiddenSize);
        Assert.Equal(24, nets.Online.Projector.OutputSize);
        Assert.Equal(40, nets.Predictor!.HiddenSize);
        Assert.All(nets.Target.parameters(), p => Assert.False(p.requires_grad));
        Assert.All(nets.TrainableParameters(), p => Assert.True(p.Parameter.requires_grad));
        Assert.DoesNotContain(nets.TrainableParameters(), p => p.Name.StartsWith("target"));
    }

    [Fact]
    public void No_predictor_option_builds_none()
    {
        using var nets = ByolNetworks.Create(new NetworkOptions { Encoder = "small-resnet", ProjectorHidden = 16, ProjectorOut = 8, UsePredictor = false }, 1, seed: 0);
        Assert.Null(nets.Predictor);
    }
}
