using Byol.Contracts.Sweeps;

namespace Byol.Client.Api;

public static class SweepStates
{
    /// <summary>Completed, cancelled or failed: nothing more will change.</summary>
    public static bool HasEnded(this SweepState state) => state is SweepState.Completed or SweepState.Cancelled or SweepState.Failed;
}
