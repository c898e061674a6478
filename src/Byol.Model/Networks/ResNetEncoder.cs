using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Byol.Model.Networks;

/// <summary>
/// A ResNet trunk ending in global average pooling: its output is the representation y used downstream
/// (the paper: "the representation y ... is the output of the final average pooling layer").
/// </summary>
public sealed class ResNetEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Sequential stem;
    private readonly Sequential stages;

    public ResNetArchitecture Architecture { get; }
    public int InChannels { get; }
    public int RepresentationSize => Architecture.RepresentationSize;

    /// <param name="initialization">Draws every initial weight (<see cref="InitialWeights"/>); the global generator is not touched.</param>
    public ResNetEncoder(ResNetArchitecture architecture, int inChannels, Generator initialization) : base(nameof(ResNetEncoder))
    {
        Architecture = architecture;
        InChannels = inChannels;
        stem = architecture.Stem == StemKind.ImageNet
            ? nn.Sequential(
                ("conv", nn.Conv2d(inChannels, architecture.StemWidth, 7, stride: 2, padding: 3, bias: false)),
                ("bn", ScalarSafeBatchNorm.Of2d(architecture.StemWidth)),
                ("relu", nn.ReLU(inplace: true)),
                ("pool", nn.MaxPool2d(3, stride: 2, padding: 1)))
            : nn.Sequential(
                ("conv", nn.Conv2d(inChannels, architecture.StemWidth, 3, stride: 1, padding: 1, bias: false)),
                ("bn", ScalarSafeBatchNorm.Of2d(architecture.StemWidth)),
                ("relu", nn.ReLU(inplace: true)));
        stages = BuildStages(architecture);
        RegisterComponents();
        foreach (var conv in modules().OfType<Conv2d>())
            InitialWeights.KaimingNormalFanOut(conv, initialization);
    }

    private static Sequential BuildStages(ResNetArchitecture a)
    {
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        long channels = a.StemWidth;
        for (var stage = 0; stage < a.BlocksPerStage.Count; stage++)
        {
            for (var b = 0; b < a.BlocksPerStage[stage]; b++)
            {
                var stride = stage > 0 && b == 0 ? 2 : 1;
                var width = a.StageWidths[stage];
                nn.Module<Tensor, Tensor> block = a.Bottleneck
                    ? new BottleneckBlock(channels, width, stride)
                    : new BasicBlock(channels, width, stride);
                blocks.Add(($"stage{stage + 1}_{b}", block));
                channels = width * (a.Bottleneck ? BottleneckBlock.Expansion : BasicBlock.Expansion);
            }
        }
        return nn.Sequential(blocks);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var features = stages.call(stem.call(x));
        return features.mean([2L, 3L]).MoveToOuterDisposeScope();
    }
}
