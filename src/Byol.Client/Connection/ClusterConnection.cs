using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Byol.Client.Connection;

/// <summary>
/// An Orleans client connected to a Byol cluster, in its own small host. Connecting gives up after
/// <see cref="ClientClusterOptions.ConnectTimeout"/> with a <see cref="ClusterUnreachableException"/>.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost host;

    private ClusterConnection(IHost host) => this.host = host;

    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterConnection> ConnectAsync(ClientClusterOptions options, CancellationToken cancellation = default)
    {
        var deadline = DateTime.UtcNow + options.ConnectTimeout;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            ClientClustering.Configure(client, options);
            client.Configure<ConnectionOptions>(o => o.OpenConnectionTimeout = TimeSpan.FromSeconds(2));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                if (DateTime.UtcNow + TimeSpan.FromMilliseconds(500) > deadline)
                    return false;
                await Task.Delay(TimeSpan.FromMilliseconds(500), token);
                return true;
            });
        });
        var host = builder.Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(options.ConnectTimeout + TimeSpan.FromSeconds(1));
            await host.StartAsync(timeout.Token).WaitAsync(timeout.Token);
            return new ClusterConnection(host);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested && IsConnectionFailure(e))
        {
            host.Dispose();
            throw new ClusterUnreachableException(options.Describe(), Reason(e), e);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static bool IsConnectionFailure(Exception e) =>
        e is OperationCanceledException or TimeoutException or SiloUnavailableException or ConnectionFailedException
            or OrleansException or SocketException or AggregateException or InvalidOperationException;

    private static string Reason(Exception e) => e switch
    {
        OperationCanceledException or TimeoutException => "no gateway answered in time",
        AggregateException { InnerException: { } inner } => Reason(inner),
        _ => FirstLine(e.Message),
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim().TrimEnd('.');

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException or ObjectDisposedException)
        {
            // The cluster went away first; nothing is left to close.
        }
        host.Dispose();
    }
}
