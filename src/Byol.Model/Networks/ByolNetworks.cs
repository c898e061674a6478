using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Networks;

/// <summary>
/// The three networks of BYOL: the online encoder+projector, its predictor q, and the target encoder+projector
/// ("the target network has the same architecture as the online network" minus the predictor, "uses a different
/// set of weights", and receives no gradient). The target keeps its own batch-norm statistics.
/// </summary>
public sealed class ByolNetworks : IDisposable
{
    /// <summary>Model construction draws from libtorch's global generator; one construction at a time keeps seeds reproducible.</summary>
    private static readonly object ConstructionGate = new();

    public ProjectedEncoder Online { get; }
    public Mlp? Predictor { get; }
    public ProjectedEncoder Target { get; }
    public NetworkOptions Options { get; }
    public Device Device { get; }

    private ByolNetworks(ProjectedEncoder online, Mlp? predictor, ProjectedEncoder target, NetworkOptions options, Device device)
    {
        Online = online;
        Predictor = predictor;
        Target = target;
        Options = options;
        Device = device;
    }

    public static ByolNetworks Create(NetworkOptions options, int inChannels, long seed, Device? device = null)
    {
        device ??= CPU;
        var architecture = ResNetArchitecture.FromName(options.Encoder);
        lock (ConstructionGate)
        {
            manual_seed(seed);
            var online = NewBranch(architecture, inChannels, options);
            var predictor = options.UsePredictor ? new Mlp(options.ProjectorOut, options.PredictorHidden, options.ProjectorOut) : null;
            if (options.TargetInit == TargetInit.Seed)
                manual_seed(unchecked(seed * 7919 + 104729));
            var target = NewBranch(architecture, inChannels, options);
            if (options.TargetInit == TargetInit.Copy)
                target.load_state_dict(online.state_dict());
            foreach (var p in target.parameters())
                p.requires_grad = false;
            online.to(device);
            predictor?.to(device);
            target.to(device);
            return new ByolNetworks(online, predictor, target, options, device);
        }
    }

    /// <summary>A freshly initialized encoder of the same shape (the random-init baseline).</summary>
    public static ResNetEncoder CreateRandomEncoder(string encoder, int inChannels, long seed, Device? device = null)
    {
        lock (ConstructionGate)
        {
            manual_seed(seed);
            var e = new ResNetEncoder(ResNetArchitecture.FromName(encoder), inChannels);
            e.to(device ?? CPU);
            return e;
        }
    }

    private static ProjectedEncoder NewBranch(ResNetArchitecture architecture, int inChannels, NetworkOptions options)
    {
        var encoder = new ResNetEncoder(architecture, inChannels);
        return new ProjectedEncoder(encoder, new Mlp(encoder.RepresentationSize, options.ProjectorHidden, options.ProjectorOut));
    }

    /// <summary>Parameters the optimizer updates: online encoder, projector and predictor, with their names.</summary>
    public IReadOnlyList<(string Name, TorchSharp.Modules.Parameter Parameter)> TrainableParameters()
    {
        var list = Online.named_parameters().Select(p => ("online." + p.name, p.parameter)).ToList();
        if (Predictor is not null)
            list.AddRange(Predictor.named_parameters().Select(p => ("predictor." + p.name, p.parameter)));
        return list;
    }

    public void Train()
    {
        Online.train();
        Predictor?.train();
        Target.train();
    }

    public void Dispose()
    {
        Online.Dispose();
        Predictor?.Dispose();
        Target.Dispose();
    }
}
