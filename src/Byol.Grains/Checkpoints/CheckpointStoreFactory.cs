using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace Byol.Grains.Checkpoints;

/// <summary>Builds the configured store, wrapped in <see cref="RetryingCheckpointStore"/>.</summary>
public static class CheckpointStoreFactory
{
    public static ICheckpointStore Create(CheckpointStoreOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ICheckpointStore inner = options.Provider switch
        {
            _ when Is(options.Provider, CheckpointStoreOptions.FileSystemProvider) => new FileSystemCheckpointStore(options.Directory),
            _ when Is(options.Provider, CheckpointStoreOptions.AzureBlobProvider) => new AzureBlobCheckpointStore(CreateContainerClient(options)),
            _ => throw new ArgumentException(
                $"Unknown checkpoint storage provider '{options.Provider}': use {CheckpointStoreOptions.FileSystemProvider} or {CheckpointStoreOptions.AzureBlobProvider}.",
                nameof(options)),
        };
        return new RetryingCheckpointStore(inner, loggerFactory.CreateLogger<RetryingCheckpointStore>(), options.RetryFor);
    }

    private static BlobContainerClient CreateContainerClient(CheckpointStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException(
                $"Storage:ConnectionString is required when Storage:Provider is {CheckpointStoreOptions.AzureBlobProvider}.", nameof(options));
        }

        return new BlobContainerClient(options.ConnectionString, options.Container, AzureBlobCheckpointStore.FailFastClientOptions());
    }

    private static bool Is(string value, string name) => string.Equals(value, name, StringComparison.OrdinalIgnoreCase);
}
