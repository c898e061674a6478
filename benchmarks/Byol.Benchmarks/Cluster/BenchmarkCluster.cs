using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Byol.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace Byol.Benchmarks.Cluster;

/// <summary>
/// Byol silos inside this process (Orleans' in-process test cluster: real silos, real messaging and serialization
/// over its in-memory transport), each configured as `dotnet run --project src/Byol.Silo` configures one
/// (<see cref="ByolSiloConfiguration.AddByol"/>: file grain state and checkpoints under a temporary directory,
/// slots, placement), with CPU slots. <paramref name="services"/> runs before Byol's own registrations, so what it
/// registers wins (the orchestration benchmark's no-op trainer).
/// </summary>
public sealed class BenchmarkCluster : IAsyncDisposable
{
    public string Directory { get; }
    public InProcessTestCluster Cluster { get; }
    public int Silos { get; }
    public int SlotsPerSilo { get; }

    private BenchmarkCluster(int silos, int slotsPerSilo, int threadsPerSlot, Action<IServiceCollection>? services)
    {
        Silos = silos;
        SlotsPerSilo = slotsPerSilo;
        Directory = Path.Combine(Path.GetTempPath(), "byol-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHost(host =>
        {
            host.Logging.ClearProviders();
            host.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            host.Logging.AddFilter("Orleans", LogLevel.Error);
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Directory"] = Directory,
            ["Silo:Accelerator"] = "cpu",
            ["Silo:Slots"] = slotsPerSilo.ToString(),
            ["Silo:ThreadsPerSlot"] = threadsPerSlot.ToString(),
        }).Build();
        builder.ConfigureSilo((_, silo) =>
        {
            services?.Invoke(silo.Services);
            silo.AddByol(configuration);
        });
        Cluster = builder.Build();
    }

    /// <param name="threadsPerSlot">libtorch intra-op threads (one setting for the process: the silos share it).</param>
    public static async Task<BenchmarkCluster> StartAsync(int silos, int slotsPerSilo, int threadsPerSlot = 1, Action<IServiceCollection>? services = null)
    {
        var cluster = new BenchmarkCluster(silos, slotsPerSilo, threadsPerSlot, services);
        await cluster.Cluster.DeployAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await cluster.Grains.GetGrain<ISlotDirectoryGrain>(0).Silos()).Count < silos)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"fewer than {silos} silos registered their slots within a minute");
            await Task.Delay(100);
        }
        return cluster;
    }

    public IGrainFactory Grains => Cluster.Client;

    public async Task<string> SubmitAsync(SweepSpec spec)
    {
        var id = SweepIds.New(spec.Name);
        var result = await Grains.GetGrain<IExperimentGrain>(id).Submit(spec);
        if (!result.Accepted)
            throw new InvalidOperationException("the sweep was refused: " + string.Join("; ", result.Errors));
        return id;
    }

    /// <summary>
    /// Waits for the sweep to end, asking the sweep registry (updated at submit and at the end), so that waiting puts
    /// no load on the experiment grain being measured.
    /// </summary>
    public async Task WaitForEndAsync(string sweepId, TimeSpan timeout, TimeSpan poll)
    {
        var deadline = DateTime.UtcNow + timeout;
        var registry = Grains.GetGrain<ISweepRegistryGrain>(0);
        while (true)
        {
            var summary = (await registry.List()).FirstOrDefault(s => s.Id == sweepId);
            if (summary is { State: SweepState.Completed or SweepState.Failed or SweepState.Cancelled })
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"sweep {sweepId} did not end within {timeout.TotalSeconds:F0} s");
            await Task.Delay(poll);
        }
    }

    /// <summary>The experiment grain's persisted state, as the file grain storage wrote it (bytes).</summary>
    public long ExperimentStateBytes(string sweepId)
    {
        var folder = Path.Combine(Directory, "grain-state", "experiment");
        var file = System.IO.Directory.EnumerateFiles(folder).Single(f => Uri.UnescapeDataString(Path.GetFileName(f)).Contains(sweepId, StringComparison.Ordinal));
        return new FileInfo(file).Length;
    }

    public async ValueTask DisposeAsync()
    {
        try { await Cluster.StopAllSilosAsync(); } catch (Exception) { /* best effort: the process ends next */ }
        await Cluster.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
