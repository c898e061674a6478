using System.Net;
using System.Net.Sockets;
using Byol.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Byol.Silo.Commands;

/// <summary>
/// A single-silo cluster inside this process (localhost clustering on free ports, file-system state under
/// `.byol/local`), with its co-hosted client: what `demo` and `local` run on. Same grains, same code path.
/// </summary>
public static class EmbeddedCluster
{
    public static async Task<IHost> StartAsync(string[] args, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Provider"] = "Localhost",
            ["Cluster:SiloPort"] = siloPort.ToString(),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(),
            ["Cluster:PrimarySiloPort"] = siloPort.ToString(),
            ["Cluster:ClusterId"] = "byol-embedded",
            ["Storage:Directory"] = Path.Combine(".byol", "local"),
        });
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args.Where(a => a.Contains('=')).ToArray());
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleans(silo => silo.ConfigureByol(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return host;
    }

    public static IGrainFactory Grains(IHost host) => host.Services.GetRequiredService<IClusterClient>();

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
