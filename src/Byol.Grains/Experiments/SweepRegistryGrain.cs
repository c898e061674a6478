using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;

namespace Byol.Grains.Experiments;

/// <summary>The persisted list of sweeps, newest first.</summary>
public sealed class SweepRegistryGrain(
    [PersistentState("sweeps", StorageNames.Grains)] IPersistentState<SweepRegistryState> state) : Grain, ISweepRegistryGrain
{
    public async Task Register(SweepSummary summary)
    {
        state.State.Sweeps[summary.Id] = summary;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<SweepSummary>> List() =>
        Task.FromResult<IReadOnlyList<SweepSummary>>(state.State.Sweeps.Values.OrderByDescending(s => s.SubmittedAt).ToList());
}

[GenerateSerializer, Alias("byol.SweepRegistryState")]
public sealed class SweepRegistryState
{
    [Id(0)] public Dictionary<string, SweepSummary> Sweeps { get; set; } = [];
}
