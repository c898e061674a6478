using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Byol.Client.Tests.Cluster;

namespace Byol.Client.Tests.Cli;

[Collection(ClusterCollection.Name)]
public sealed class ConnectionTests(ClientTestCluster cluster)
{
    [Fact]
    public async Task An_unreachable_cluster_fails_within_seconds_naming_the_address_and_how_to_start_a_silo()
    {
        var port = ClosedPort();
        var clock = Stopwatch.StartNew();
        var result = await CliRun.RunAsync(null, "sweep", "list", "--gateway-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        clock.Stop();

        Assert.Equal(3, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Byol.Silo", line, StringComparison.Ordinal);
    }

    /// <summary>
    /// The in-process test cluster's gateways are not reachable over TCP, so this starts a real single-silo cluster
    /// (the silo's own embedded host, localhost clustering on free ports) and points the CLI at its gateway.
    /// </summary>
    [Fact]
    public async Task The_cli_reaches_a_real_gateway_with_the_connection_options()
    {
        var storage = Path.Combine(cluster.Directory, "real-silo-" + Guid.NewGuid().ToString("N")[..6]);
        using var host = await Byol.Silo.Commands.EmbeddedCluster.StartAsync([$"Storage:Directory={storage}", "Silo:Slots=1", "Silo:Accelerator=cpu"], CancellationToken.None);
        try
        {
            var configuration = (Microsoft.Extensions.Configuration.IConfiguration)host.Services.GetService(typeof(Microsoft.Extensions.Configuration.IConfiguration))!;
            var gateway = configuration["Cluster:GatewayPort"]!;
            var clusterId = configuration["Cluster:ClusterId"]!;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                var result = await CliRun.RunAsync(null, "cluster", "--json", "--gateway-port", gateway, "--cluster-id", clusterId);
                Assert.True(result.ExitCode == 0, result.ToString());
                if (JsonNode.Parse(result.Out)!.AsArray().Count == 1)
                    break;
                Assert.True(DateTime.UtcNow < deadline, "the silo did not register its slots:\n" + result);
                await Task.Delay(500);
            }
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await host.StopAsync(stopping.Token);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
