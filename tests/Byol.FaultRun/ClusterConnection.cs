using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Byol.FaultRun;

/// <summary>
/// An Orleans client on the Azure Table cluster. Silos come and go during the run, so every call retries, and after
/// repeated failures (every gateway gone, as in a full restart) the client is rebuilt.
/// </summary>
public sealed class ClusterConnection(string connectionString, string clusterId) : IAsyncDisposable
{
    private IHost? host;

    private async Task<IClusterClient> ClientAsync()
    {
        if (host is not null)
            return host.Services.GetRequiredService<IClusterClient>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client =>
        {
            client.UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(connectionString));
            client.Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = clusterId);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        });
        var started = builder.Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await started.StartAsync(cts.Token);
        host = started;
        return started.Services.GetRequiredService<IClusterClient>();
    }

    public async Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        var failures = 0;
        while (true)
        {
            try
            {
                return await call(await ClientAsync());
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                if (++failures % 3 == 0)
                    await ResetAsync();
                await Task.Delay(1000);
            }
        }
    }

    public Task<SubmitResult> SubmitAsync(string sweepId, SweepSpec spec) =>
        CallAsync(c => c.GetGrain<IExperimentGrain>(sweepId).Submit(spec));

    public Task<SweepView> ShowAsync(string sweepId) => CallAsync(c => c.GetGrain<IExperimentGrain>(sweepId).Show());

    private async Task ResetAsync()
    {
        if (host is null)
            return;
        var old = host;
        host = null;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await old.StopAsync(cts.Token);
        }
        catch (Exception)
        {
            // A client whose gateways are all gone may not stop cleanly; it is dropped either way.
        }
        old.Dispose();
    }

    public async ValueTask DisposeAsync() => await ResetAsync();
}
