using Byol.Model.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Networks;

public sealed class ChannelsLastTests
{
    [Fact]
    public void Conversion_keeps_shape_and_values_and_makes_the_channel_stride_one()
    {
        using var scope = torch.NewDisposeScope();
        var images = rand(4, 3, 5, 6, generator: new Generator(1));

        var converted = ChannelsLast.Convert(images);

        Assert.Equal(images.shape, converted.shape);
        Assert.True(converted.equal(images).all().item<bool>());
        Assert.True(ChannelsLast.Is(converted));
        Assert.False(ChannelsLast.Is(images));
        Assert.Equal(new long[] { 90, 1, 18, 3 }, converted.stride());
    }

    [Fact]
    public void An_encoder_trained_one_step_gives_the_same_output_and_gradients_in_either_layout()
    {
        using var scope = torch.NewDisposeScope();
        var images = randn(8, 3, 16, 16, generator: new Generator(2));
        (Tensor Output, Tensor[] Gradients) Pass(Tensor input)
        {
            using var initialization = new Generator(3);
            var encoder = new ResNetEncoder(ResNetArchitecture.FromName("small-resnet"), 3, initialization);
            encoder.train();
            var output = encoder.call(input);
            output.square().sum().backward();
            return (output.detach(), encoder.parameters().Select(p => p.grad!).ToArray());
        }

        var (nchw, nchwGradients) = Pass(images);
        var (last, lastGradients) = Pass(ChannelsLast.Convert(images));

        Assert.True(nchw.allclose(last, rtol: 1e-4, atol: 1e-5));
        Assert.All(nchwGradients.Zip(lastGradients), g => Assert.True(g.First.allclose(g.Second, rtol: 1e-3, atol: 1e-4)));
    }
}
