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

    [Fact]
    public async Task The_cli_reaches_a_real_gateway_with_the_connection_options()
    {
        var gateway = cluster.Cluster.Silos[0].GatewayAddress.Endpoint.Port;
        var result = await CliRun.RunAsync(null, "cluster", "--json",
            "--gateway-port", gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--cluster-id", cluster.Cluster.Options.ClusterId, "--service-id", cluster.Cluster.Options.ServiceId);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(ClientTestCluster.SiloCount, JsonNode.Parse(result.Out)!.AsArray().Count);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
