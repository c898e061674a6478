namespace Byol.Grains.Checkpoints;

/// <summary>Checkpoint storage settings (the silo binds them from the <c>Storage</c> section:
/// <c>Storage:Provider</c>, <c>Storage:ConnectionString</c>, ...).</summary>
public sealed record CheckpointStoreOptions
{
    public const string FileSystemProvider = "FileSystem";
    public const string AzureBlobProvider = "AzureBlob";

    /// <summary><c>FileSystem</c> (default) or <c>AzureBlob</c>.</summary>
    public string Provider { get; init; } = FileSystemProvider;

    /// <summary>Azure Storage connection string (AzureBlob only); never logged.</summary>
    public string? ConnectionString { get; init; }

    public string Container { get; init; } = "byol-checkpoints";

    /// <summary>Root directory for the FileSystem provider: <c>.byol/checkpoints</c> under the working directory by default.</summary>
    public string Directory { get; init; } = Path.Combine(".byol", "checkpoints");

    /// <summary>How long transient failures are retried before an operation gives up.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromMinutes(10);
}
