namespace Byol.Grains.Tests.Deploy;

/// <summary>deploy/compose.yaml: Azurite plus two silos on Azure Table clustering, the dashboard only on the host's loopback.</summary>
public sealed class ComposeFileTests
{
    private static readonly YamlDotNet.RepresentationModel.YamlMappingNode Compose = YamlDocs.Load(YamlDocs.DeployPath("compose.yaml")).Single();

    private static IEnumerable<string> Services => ((YamlDotNet.RepresentationModel.YamlMappingNode)Compose.At("services")!).Children.Keys.Select(k => k.ToString());

    [Fact]
    public void Azurite_is_a_service_with_no_published_ports()
    {
        Assert.Contains("azurite", Services);
        Assert.Contains("azurite", Compose.Text("services.azurite.image"));
        Assert.Null(Compose.At("services.azurite.ports"));
    }

    [Fact]
    public void Two_silos_cluster_on_azure_table_and_keep_checkpoints_in_azure_blob()
    {
        var silos = Services.Where(s => s.StartsWith("silo", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, silos.Count);
        foreach (var silo in silos)
        {
            var env = Compose.Entries($"services.{silo}.environment");
            Assert.Equal("AzureTable", env["Cluster__Provider"]);
            Assert.Equal("AzureBlob", env["Storage__Provider"]);
            Assert.Contains("TableEndpoint=http://azurite:", env["Cluster__ConnectionString"]);
            Assert.Contains("BlobEndpoint=http://azurite:", env["Storage__ConnectionString"]);
            Assert.Contains("azurite", Compose.Items($"services.{silo}.depends_on").Select(n => n.ToString()));
            Assert.NotNull(Compose.Text($"services.{silo}.stop_grace_period")); // time for SIGTERM to drain trainers
        }
    }

    [Fact]
    public void The_dashboard_is_published_on_the_host_loopback_only()
    {
        var published = Services.SelectMany(s => Compose.Items($"services.{s}.ports").Select(p => p.ToString())).ToList();
        Assert.Contains("127.0.0.1:8080:8080", published);
        Assert.All(published, p => Assert.StartsWith("127.0.0.1:", p));
        Assert.Equal("true", Compose.Entries("services.silo-1.environment")["Dashboard__Enabled"]);
        Assert.Equal("false", Compose.Entries("services.silo.environment")["Dashboard__Enabled"]);
    }
}
