using Byol.Contracts.Sweeps;
using Byol.Grains.Checkpoints;

namespace Byol.Grains.Training;

/// <summary>
/// A trainer's durable state: the fence of its newest activation and the pointer to its latest stored checkpoint
/// (written after the checkpoint itself), and how its last segment ended.
/// </summary>
[GenerateSerializer, Alias("byol.TrainerGrainState")]
public sealed class TrainerGrainState
{
    [Id(0)] public long Fence { get; set; }
    [Id(1)] public CheckpointRef? LatestCheckpoint { get; set; }
    [Id(2)] public TrialSegmentEnded? LastSegment { get; set; }
    [Id(3)] public int Activations { get; set; }
}
