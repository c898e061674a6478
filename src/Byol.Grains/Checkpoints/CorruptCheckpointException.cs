namespace Byol.Grains.Checkpoints;

/// <summary>A stored checkpoint does not match its recorded SHA-256 or length (flipped bits, truncation, a missing payload).</summary>
public sealed class CorruptCheckpointException : Exception
{
    public CorruptCheckpointException(CheckpointRef reference, string reason)
        : base($"Checkpoint {reference.Key} is corrupt: {reason}.")
    {
        Reference = reference;
    }

    public CheckpointRef Reference { get; }
}
