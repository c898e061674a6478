using static TorchSharp.torch;

namespace Byol.Model.Objectives;

/// <summary>A self-supervised loss over the outputs of two views: BYOL's regression or SimCLR's NT-Xent.</summary>
public interface ISelfSupervisedObjective
{
    string Name { get; }

    /// <summary>Whether the training step must run the target network.</summary>
    bool NeedsTarget { get; }

    Tensor Loss(ViewPairOutputs outputs);
}
