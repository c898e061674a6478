using Byol.Model.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Byol.Model.Networks;

/// <summary>ResNet bottleneck block (He et al. 2016): 1x1 reduce, 3x3, 1x1 expand by 4, residual connection.</summary>
internal sealed class BottleneckBlock : nn.Module<Tensor, Tensor>
{
    public const int Expansion = 4;
    private readonly Sequential reduce;
    private readonly Sequential conv;
    private readonly Sequential expand;
    private readonly Sequential? shortcut;

    public BottleneckBlock(long inChannels, long width, long stride) : base(nameof(BottleneckBlock))
    {
        reduce = ConvBatchNorm.Create(inChannels, width, 1, 1);
        conv = ConvBatchNorm.Create(width, width, 3, stride);
        expand = ConvBatchNorm.Create(width, width * Expansion, 1, 1);
        if (stride != 1 || inChannels != width * Expansion)
            shortcut = ConvBatchNorm.Create(inChannels, width * Expansion, 1, stride);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = expand.call(nn.functional.relu(conv.call(nn.functional.relu(reduce.call(x)))));
        var identity = shortcut is null ? x : shortcut.call(x);
        return nn.functional.relu(y.add_(identity, Scalars.One)).MoveToOuterDisposeScope();
    }
}
