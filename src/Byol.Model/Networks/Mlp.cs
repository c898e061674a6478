using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Byol.Model.Networks;

/// <summary>
/// The projector and predictor shape of the paper: "a multi-layer perceptron (MLP) with a linear layer with
/// output size 4096 followed by batch normalization, rectified linear units (ReLU), and a final linear layer
/// with output dimension 256".
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public int InputSize { get; }
    public int HiddenSize { get; }
    public int OutputSize { get; }

    /// <param name="initialization">Draws every initial weight (<see cref="InitialWeights"/>); the global generator is not touched.</param>
    public Mlp(int inputSize, int hiddenSize, int outputSize, Generator initialization) : base(nameof(Mlp))
    {
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        OutputSize = outputSize;
        layers = nn.Sequential(
            ("fc1", nn.Linear(inputSize, hiddenSize)),
            ("bn", ScalarSafeBatchNorm.Of1d(hiddenSize)),
            ("relu", nn.ReLU(inplace: true)),
            ("fc2", nn.Linear(hiddenSize, outputSize)));
        RegisterComponents();
        foreach (var linear in modules().OfType<Linear>())
            InitialWeights.PyTorchDefault(linear, initialization);
    }

    public override Tensor forward(Tensor x) => layers.call(x);
}
