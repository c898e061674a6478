using Byol.Model.Networks;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Networks;

/// <summary>Every tensor of the three BYOL networks (parameters and buffers), by name: "online.", "predictor.", "target." plus the module's own.</summary>
internal static class NetworkState
{
    public static Dictionary<string, Tensor> Of(ByolNetworks networks) =>
        networks.Online.state_dict().Select(kv => ("online." + kv.Key, kv.Value))
            .Concat(networks.Predictor!.state_dict().Select(kv => ("predictor." + kv.Key, kv.Value)))
            .Concat(networks.Target.state_dict().Select(kv => ("target." + kv.Key, kv.Value)))
            .ToDictionary(p => p.Item1, p => p.Item2);
}
