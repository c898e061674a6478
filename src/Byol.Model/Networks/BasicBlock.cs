using Byol.Model.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Byol.Model.Networks;

/// <summary>ResNet basic block (He et al. 2016): two 3x3 convolutions with a residual connection.</summary>
internal sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    public const int Expansion = 1;
    private readonly Sequential conv1;
    private readonly Sequential conv2;
    private readonly Sequential? shortcut;

    public BasicBlock(long inChannels, long width, long stride) : base(nameof(BasicBlock))
    {
        conv1 = ConvBatchNorm.Create(inChannels, width, 3, stride);
        conv2 = ConvBatchNorm.Create(width, width, 3, 1);
        if (stride != 1 || inChannels != width)
            shortcut = ConvBatchNorm.Create(inChannels, width, 1, stride);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = conv2.call(nn.functional.relu(conv1.call(x)));
        var identity = shortcut is null ? x : shortcut.call(x);
        return nn.functional.relu(y.add_(identity, Scalars.One)).MoveToOuterDisposeScope();
    }
}
