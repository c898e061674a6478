namespace Byol.Model.Training;

/// <summary>A checkpoint stream that is corrupt, truncated, of another version, or for another model.</summary>
public sealed class CheckpointFormatException(string message, Exception? inner = null) : Exception(message, inner);
