using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Networks;

/// <summary>Encoder f followed by projector g: maps a view to its projection z = g(f(v)).</summary>
public sealed class ProjectedEncoder : nn.Module<Tensor, Tensor>
{
    public ResNetEncoder Encoder { get; }
    public Mlp Projector { get; }

    public ProjectedEncoder(ResNetEncoder encoder, Mlp projector) : base(nameof(ProjectedEncoder))
    {
        Encoder = encoder;
        Projector = projector;
        RegisterComponents();
    }

    public override Tensor forward(Tensor view) => Projector.call(Encoder.call(view));
}
