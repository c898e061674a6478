using Byol.Contracts.Sweeps;

namespace Byol.Contracts.Grains;

/// <summary>The list of sweeps (key 0): `byol sweep list` reads it.</summary>
[Alias("byol.ISweepRegistryGrain")]
public interface ISweepRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Register")] Task Register(SweepSummary summary);
    [Alias("List")] Task<IReadOnlyList<SweepSummary>> List();
}
