using static TorchSharp.torch;

namespace Byol.Benchmarks;

/// <summary>
/// The lever "channels_last": TorchSharp 0.107 defines <c>torch.memory_format.channels_last</c> but no call takes it
/// (no <c>contiguous(memory_format)</c>, no <c>Module.to(memory_format)</c>). The same layout is made by hand: NHWC
/// memory seen through NCHW strides, which libtorch recognizes as channels_last (its oneDNN convolutions then keep
/// activations and gradients in that layout).
/// </summary>
internal static class ChannelsLast
{
    public static Tensor Convert(Tensor nchw) => nchw.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    /// <summary>Whether libtorch sees <paramref name="t"/> as channels_last: channel stride 1.</summary>
    public static bool Is(Tensor t) => t.dim() == 4 && t.stride(1) == 1 && t.shape[1] > 1;
}
