using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Byol.Benchmarks.StatusLoad;

/// <summary>
/// An Orleans client in this process connected to a silo's gateway over TCP, as the `byol` client app connects
/// (localhost clustering, the cluster's ids; retries until the silo listens or <paramref name="timeout"/> passes).
/// </summary>
public sealed class GatewayClient : IAsyncDisposable
{
    private readonly IHost host;

    private GatewayClient(IHost host) => this.host = host;

    public IClusterClient Grains => host.Services.GetRequiredService<IClusterClient>();

    public static async Task<GatewayClient> ConnectAsync(int gatewayPort, string clusterId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(gatewayPort, serviceId: "byol", clusterId: clusterId);
            client.Configure<ConnectionOptions>(o => o.OpenConnectionTimeout = TimeSpan.FromSeconds(2));
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                if (DateTime.UtcNow > deadline)
                    return false;
                await Task.Delay(TimeSpan.FromMilliseconds(500), token);
                return true;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return new GatewayClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        try { await host.StopAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* the silo may be gone already */ }
        host.Dispose();
    }
}
