using Byol.Contracts.Grains;
using Byol.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Byol.Client.Tests.Cluster;

/// <summary>
/// An in-process Orleans cluster of two silos with Byol's grains (one CPU slot each), grain state and checkpoints
/// in a temporary directory: what the client's tests talk to.
/// </summary>
public sealed class ClientTestCluster : IAsyncLifetime
{
    public const short SiloCount = 2;
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "byol-client-tests-" + Guid.NewGuid().ToString("N"));
    public InProcessTestCluster Cluster { get; }

    public ClientTestCluster()
    {
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.ConfigureSilo((_, silo) => silo.AddByol(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Directory"] = Directory,
            ["Silo:Accelerator"] = "cpu",
            ["Silo:Slots"] = "1",
            ["Silo:ThreadsPerSlot"] = "1",
        }).Build()));
        Cluster = builder.Build();
    }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The sweep that <see cref="FinishedSweepAsync"/> trains once for all the tests that read a finished sweep.</summary>
    private Task<FinishedSweep>? finished;

    public Task<FinishedSweep> FinishedSweepAsync() => finished ??= FinishedSweep.RunAsync(this);

    public async Task InitializeAsync()
    {
        await Cluster.DeployAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await Grains.GetGrain<ISlotDirectoryGrain>(0).Silos()).Count < SiloCount)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the silos did not register their slots");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        try { await Cluster.StopAllSilosAsync(); } catch (Exception) { }
        await Cluster.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClientTestCluster>
{
    public const string Name = "client cluster";
}
