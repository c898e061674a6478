using Microsoft.Extensions.Hosting;
using System.Net;
using Byol.Grains;
using Byol.Grains.Checkpoints;
using Byol.Grains.Data;
using Byol.Grains.Evaluation;
using Byol.Grains.Placement;
using Byol.Grains.Slots;
using Byol.Grains.Telemetry;
using Byol.Grains.Training;
using Byol.Model.Runtime;
using Byol.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Byol.Silo.Hosting;

/// <summary>
/// Everything a Byol silo is made of, from configuration: clustering, grain state, reminders, checkpoint store,
/// slots and their placement, telemetry. The same code serves the long-running member, `demo`, `local` and tests.
/// </summary>
public static class ByolSiloConfiguration
{
    public static ISiloBuilder ConfigureByol(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = configuration.GetSection(ByolClusterOptions.Section).Get<ByolClusterOptions>() ?? new();
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        ConfigureClustering(silo, cluster);
        // `Orleans:Membership:*` (ProbeTimeout, NumMissedProbesLimit, ...): failure detection, e.g. shortened for the fault run.
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
        if (cluster.Kubernetes)
            silo.UseKubernetesHosting();
        silo.UseByolTls(configuration);
        return silo.AddByol(configuration);
    }

    /// <summary>Byol's grains, grain state, checkpoint store and slots, without clustering (tests bring their own).</summary>
    public static ISiloBuilder AddByol(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = configuration.GetSection(ByolStorageOptions.Section).Get<ByolStorageOptions>() ?? new();
        ConfigureGrainState(silo, storage);
        silo.Services.AddByolSiloServices(configuration, storage);
        return silo;
    }

    private static void ConfigureClustering(ISiloBuilder silo, ByolClusterOptions cluster)
    {
        switch (cluster.Provider.ToLowerInvariant())
        {
            case "localhost":
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort,
                    new IPEndPoint(IPAddress.Loopback, cluster.PrimarySiloPort), cluster.ServiceId, cluster.ClusterId);
                return;
            case "azuretable":
                silo.UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(Required(cluster)));
                break;
            case "adonet":
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = Required(cluster);
                });
                break;
            case "redis":
                silo.UseRedisClustering(Required(cluster));
                break;
            default:
                throw new OptionsValidationException(nameof(ByolClusterOptions), typeof(ByolClusterOptions),
                    [$"Cluster:Provider '{cluster.Provider}' is not one of Localhost, AzureTable, AdoNet, Redis"]);
        }
        silo.ConfigureEndpoints(
            cluster.AdvertisedAddress is { } address ? IPAddress.Parse(address) : IPAddress.Loopback,
            cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: cluster.AdvertisedAddress is not null);
    }

    private static void ConfigureGrainState(ISiloBuilder silo, ByolStorageOptions storage)
    {
        if (storage.Provider.Equals("AzureBlob", StringComparison.OrdinalIgnoreCase))
        {
            var connection = storage.ConnectionString
                ?? throw new OptionsValidationException(nameof(ByolStorageOptions), typeof(ByolStorageOptions), ["Storage:ConnectionString is required with Storage:Provider AzureBlob"]);
            // Orleans' own serializer, as the file store uses: the default JSON one cannot read back the experiment
            // state (ParamMap), so an experiment grain could never reactivate on another silo.
            silo.AddAzureBlobGrainStorage(StorageNames.Grains, (OptionsBuilder<Orleans.Configuration.AzureBlobStorageOptions> ob) =>
                ob.Configure<Serializer>((o, serializer) =>
                {
                    o.BlobServiceClient = new Azure.Storage.Blobs.BlobServiceClient(connection);
                    o.ContainerName = "byol-grain-state";
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
            silo.UseAzureTableReminderService(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(connection));
            return;
        }
        var directory = Path.GetFullPath(Path.Combine(storage.Directory, "grain-state"));
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains,
            (sp, _) => new FileGrainStorage(directory, sp.GetRequiredService<Serializer>()));
        silo.UseInMemoryReminderService();
    }

    public static IServiceCollection AddByolSiloServices(this IServiceCollection services, IConfiguration configuration, ByolStorageOptions storage)
    {
        services.Configure<SlotOptions>(configuration.GetSection(SlotOptions.Section));
        services.TryAddSingleton<LocalSlots>();
        services.TryAddSingleton<DatasetCache>();
        services.TryAddSingleton<ByolMetrics>();
        // What trainers and evaluators run; a host that registered its own before AddByol keeps it (the orchestration benchmark).
        services.TryAddSingleton<ITrainingSessionFactory, TorchTrainingSessionFactory>();
        services.TryAddSingleton<ITrialScorer, TorchTrialScorer>();
        services.TryAddSingleton<ICheckpointStore>(sp => CheckpointStoreFactory.Create(new CheckpointStoreOptions
        {
            Provider = storage.Provider,
            ConnectionString = storage.ConnectionString,
            Container = storage.Container,
            Directory = Path.GetFullPath(Path.Combine(storage.Directory, "checkpoints")),
        }, sp.GetRequiredService<ILoggerFactory>()));
        services.AddPlacementDirector<SlotPlacement, SlotPlacementDirector>();
        services.AddSingleton<SlotRegistration>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SlotRegistration>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Byol.Grains.Experiments.SweepResumer>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new TorchThreadsParticipant(sp.GetRequiredService<LocalSlots>()));
        return services;
    }

    private static string Required(ByolClusterOptions cluster) =>
        cluster.ConnectionString ?? throw new OptionsValidationException(nameof(ByolClusterOptions), typeof(ByolClusterOptions),
            [$"Cluster:ConnectionString is required with Cluster:Provider {cluster.Provider}"]);

    /// <summary>Sets libtorch's intra-op threads once per silo: the cores divided among the slots.</summary>
    private sealed class TorchThreadsParticipant(LocalSlots slots) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(TorchThreadsParticipant), ServiceLifecycleStage.RuntimeInitialize, _ =>
            {
                TorchRuntime.ConfigureThreads(slots.ThreadsPerSlot);
                return Task.CompletedTask;
            });
    }
}
