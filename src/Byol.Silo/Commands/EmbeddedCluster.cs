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
        var siloPort = LoopbackPort.Free();
        var gatewayPort = LoopbackPort.Free();
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
        var verbose = args.Contains("--verbose");
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", verbose ? LogLevel.Warning : LogLevel.Error);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.UseOrleans(silo => silo.ConfigureByol(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return host;
    }

    public static IGrainFactory Grains(IHost host) => host.Services.GetRequiredService<IClusterClient>();
}
