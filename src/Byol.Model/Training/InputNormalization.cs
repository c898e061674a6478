using static TorchSharp.torch;

namespace Byol.Model.Training;

/// <summary>Per-channel standardization of views in [0, 1], with the training set's statistics.</summary>
public sealed class InputNormalization : IDisposable
{
    private readonly Tensor mean;
    private readonly Tensor std;

    public IReadOnlyList<float> Mean { get; }
    public IReadOnlyList<float> Std { get; }

    public InputNormalization(IReadOnlyList<float> mean, IReadOnlyList<float> std, Device device)
    {
        Mean = mean.ToArray();
        Std = std.Select(s => Math.Max(s, 1e-3f)).ToArray();
        this.mean = tensor(Mean.ToArray(), device: device).reshape(1, -1, 1, 1);
        this.std = tensor(Std.ToArray(), device: device).reshape(1, -1, 1, 1);
    }

    public Tensor Apply(Tensor views) => (views - mean) / std;

    public void Dispose()
    {
        mean.Dispose();
        std.Dispose();
    }
}
