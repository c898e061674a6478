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

    /// <summary>
    /// Builds the networks with every initial weight drawn from generators of <paramref name="seed"/>'s own
    /// (<see cref="InitialWeights"/>): the same seed gives the same networks whatever else the process draws.
    /// </summary>
    public static ByolNetworks Create(NetworkOptions options, int inChannels, long seed, Device? device = null)
    {
        device ??= CPU;
        var architecture = ResNetArchitecture.FromName(options.Encoder);
        using var initialization = new Generator(unchecked((ulong)seed));
        var online = NewBranch(architecture, inChannels, options, initialization);
        var predictor = options.UsePredictor ? new Mlp(options.ProjectorOut, options.PredictorHidden, options.ProjectorOut, initialization) : null;
        using var targetSeed = options.TargetInit == TargetInit.Seed ? new Generator(unchecked((ulong)(seed * 7919 + 104729))) : null;
        var target = NewBranch(architecture, inChannels, options, targetSeed ?? initialization);
        if (options.TargetInit == TargetInit.Copy)
            target.load_state_dict(online.state_dict());
        foreach (var p in target.parameters())
            p.requires_grad = false;
        online.to(device);
        predictor?.to(device);
        target.to(device);
        return new ByolNetworks(online, predictor, target, options, device);
    }

    /// <summary>A freshly initialized encoder of the same shape (the random-init baseline).</summary>
    public static ResNetEncoder CreateRandomEncoder(string encoder, int inChannels, long seed, Device? device = null)
    {
        using var initialization = new Generator(unchecked((ulong)seed));
        var e = new ResNetEncoder(ResNetArchitecture.FromName(encoder), inChannels, initialization);
        e.to(device ?? CPU);
        return e;
    }

    private static ProjectedEncoder NewBranch(ResNetArchitecture architecture, int inChannels, NetworkOptions options, Generator initialization)
    {
        var encoder = new ResNetEncoder(architecture, inChannels, initialization);
        return new ProjectedEncoder(encoder, new Mlp(encoder.RepresentationSize, options.ProjectorHidden, options.ProjectorOut, initialization));
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
