using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Byol.Grains.Slots;
using Byol.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Byol.Grains.Tests.Cluster;

/// <summary>
/// A real multi-silo Orleans cluster in this process, running Byol's grains with grain state and checkpoints in a
/// shared temporary directory (so they outlive a killed silo). Each silo's slots come from <see cref="SlotsFor"/>,
/// keyed by silo name ("Silo_0", "Silo_1", ...). Failure detection is shortened so a killed silo is
/// declared dead within seconds.
/// </summary>
public sealed class ByolTestCluster : IAsyncDisposable
{
    public string Directory { get; }
    public InProcessTestCluster Cluster { get; }
    public Func<string, (string Accelerator, int Slots)> SlotsFor { get; }

    private ByolTestCluster(short silos, Func<string, (string, int)> slotsFor, string? directory)
    {
        SlotsFor = slotsFor;
        Directory = directory ?? Path.Combine(Path.GetTempPath(), "byol-cluster-" + Guid.NewGuid().ToString("N"));
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((options, silo) =>
        {
            var (accelerator, slots) = SlotsFor(options.SiloName);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Directory"] = Directory,
                ["Silo:Accelerator"] = accelerator,
                ["Silo:Slots"] = slots.ToString(),
                ["Silo:ThreadsPerSlot"] = "1",
            }).Build();
            silo.AddByol(configuration);
            silo.Services.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            });
        });
        Cluster = builder.Build();
    }

    /// <param name="directory">Grain state and checkpoints; pass a previous cluster's to restart it.</param>
    public static async Task<ByolTestCluster> StartAsync(short silos, Func<string, (string Accelerator, int Slots)>? slotsFor = null, string? directory = null)
    {
        var cluster = new ByolTestCluster(silos, slotsFor ?? (_ => ("cpu", 1)), directory);
        await cluster.Cluster.DeployAsync();
        await cluster.WaitForSlotsAsync(silos);
        return cluster;
    }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Waits until this many silos have registered their slots with the directory.</summary>
    public async Task WaitForSlotsAsync(int silos, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while ((await Grains.GetGrain<ISlotDirectoryGrain>(0).Silos()).Count < silos)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"fewer than {silos} silos registered their slots");
            await Task.Delay(200);
        }
    }

    public LocalSlots SlotsOf(InProcessSiloHandle silo) => Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<LocalSlots>();

    public async Task<(string Id, SubmitResult Result)> SubmitAsync(SweepSpec spec)
    {
        var id = "sweep-" + Guid.NewGuid().ToString("N")[..8];
        return (id, await Grains.GetGrain<IExperimentGrain>(id).Submit(spec));
    }

    public Task<SweepView> ShowAsync(string id) => Grains.GetGrain<IExperimentGrain>(id).Show();

    /// <summary>Polls the sweep until the condition holds, failing with the last view after the timeout.</summary>
    public async Task<SweepView> WaitForAsync(string id, Func<SweepView, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var view = await ShowAsync(id);
            if (condition(view))
                return view;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("sweep did not reach the expected state:\n" + SweepJson.Serialize(view));
            await Task.Delay(250);
        }
    }

    public static bool Ended(SweepView v) => v.State is SweepState.Completed or SweepState.Cancelled or SweepState.Failed;

    public async ValueTask DisposeAsync()
    {
        try { await Cluster.StopAllSilosAsync(); } catch (Exception) { }
        await Cluster.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
