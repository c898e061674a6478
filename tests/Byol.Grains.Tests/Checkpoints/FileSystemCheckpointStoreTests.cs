using Byol.Grains.Checkpoints;

namespace Byol.Grains.Tests.Checkpoints;

public sealed class FileSystemCheckpointStoreTests : CheckpointStoreContractTests
{
    private readonly string _root = Directory.CreateTempSubdirectory("byol-ckpt-").FullName;
    private readonly FileSystemCheckpointStore _store;

    public FileSystemCheckpointStoreTests() => _store = new FileSystemCheckpointStore(_root);

    protected override ICheckpointStore Store => _store;

    protected override Task<bool> PayloadExistsAtAsync(string key) =>
        Task.FromResult(File.Exists(Path.Combine(_root, key)));

    protected override async Task TamperAsync(CheckpointRef reference, Func<byte[], byte[]> change)
    {
        var path = _store.PathOf(reference.Key);
        await File.WriteAllBytesAsync(path, change(await File.ReadAllBytesAsync(path)));
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Write_LeavesNoTemporaryFiles_AndKeepsTheFenceMarker()
    {
        await _store.WriteAsync(Sweep, Trial, 100, fence: 5, TestPayloads.Make(1), CancellationToken.None);

        var names = Directory.GetFiles(Path.Combine(_root, Sweep, Trial)).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["fence", "step-000000100", "step-000000100.json"], names);
        Assert.Equal("5", await File.ReadAllTextAsync(Path.Combine(_root, Sweep, Trial, "fence")));
    }

    [Fact]
    public async Task PayloadWithoutSidecar_IsNotListed()
    {
        Directory.CreateDirectory(Path.Combine(_root, Sweep, Trial));
        await File.WriteAllBytesAsync(Path.Combine(_root, Sweep, Trial, "step-000000100"), TestPayloads.Make(1));

        Assert.Empty(await _store.ListAsync(Sweep, Trial, CancellationToken.None));
        Assert.Null(await _store.ReadLatestAsync(Sweep, Trial, CancellationToken.None));
    }
}
