using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Networks;

/// <summary>
/// The channels_last memory layout for the encoders' input: the same [N, C, H, W] tensor with its values stored
/// N, H, W, C. libtorch recognizes the layout from the strides (channel stride 1) and its oneDNN convolutions, batch
/// norms and their gradients then stay in it; on the CPU that made the BYOL step's model compute 17-25 % faster
/// (small-resnet, batch 256: Byol.Benchmarks levers). TorchSharp 0.107 defines <c>torch.memory_format.channels_last</c>
/// but no call takes it, so the layout is made by permuting: one copy of the input.
/// </summary>
public static class ChannelsLast
{
    /// <summary>Whether inputs on <paramref name="device"/> are laid out channels_last: on the CPU, where it was measured.</summary>
    public static bool IsUsedOn(Device device) => device.type == DeviceType.CPU;

    /// <summary><paramref name="images"/> [N, C, H, W] in channels_last layout (values and shape unchanged).</summary>
    public static Tensor Convert(Tensor images) => images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    /// <summary>Whether libtorch sees <paramref name="images"/> as channels_last: 4 dimensions, channel stride 1.</summary>
    public static bool Is(Tensor images) => images.dim() == 4 && images.stride(1) == 1 && images.shape[1] > 1;
}
