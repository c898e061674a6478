using Byol.Client.Connection;

namespace Byol.Client.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Appsettings_then_environment_then_options()
    {
        var directory = Directory.CreateTempSubdirectory("byol-config-").FullName;
        File.WriteAllText(Path.Combine(directory, "appsettings.json"),
            """{ "Cluster": { "Provider": "Redis", "ConnectionString": "redis:6379", "GatewayPort": 31000, "ClusterId": "from-file" } }""");
        Environment.SetEnvironmentVariable("Cluster__ClusterId", "from-env");
        try
        {
            var fromFileAndEnv = ClientConfiguration.ClusterOptions(ClientConfiguration.Build(null, directory));
            Assert.Equal("Redis", fromFileAndEnv.Provider);
            Assert.Equal(31000, fromFileAndEnv.GatewayPort);
            Assert.Equal("from-env", fromFileAndEnv.ClusterId);
            Assert.Equal("byol", fromFileAndEnv.ServiceId);

            var overridden = ClientConfiguration.ClusterOptions(ClientConfiguration.Build(
                new Dictionary<string, string?> { ["Cluster:ClusterId"] = "from-option", ["Cluster:Provider"] = "Localhost" }, directory));
            Assert.Equal("from-option", overridden.ClusterId);
            Assert.Equal("Localhost", overridden.Provider);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Cluster__ClusterId", null);
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Defaults_are_the_silos_and_the_description_hides_secrets()
    {
        var options = new ClientClusterOptions();
        Assert.Equal(("Localhost", 30000, "byol", "byol"), (options.Provider, options.GatewayPort, options.ClusterId, options.ServiceId));
        Assert.Contains("127.0.0.1:30000", options.Describe(), StringComparison.Ordinal);
        var azure = new ClientClusterOptions { Provider = "AzureTable", ConnectionString = "AccountName=dev;AccountKey=SECRET" };
        Assert.DoesNotContain("SECRET", azure.Describe(), StringComparison.Ordinal);
    }
}
