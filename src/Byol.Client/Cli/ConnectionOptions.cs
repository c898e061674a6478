using System.CommandLine;
using Byol.Client.Connection;

namespace Byol.Client.Cli;

/// <summary>
/// The options every command takes to reach the cluster; each overrides its `Cluster:*` key (appsettings.json,
/// then the environment, then these).
/// </summary>
public sealed class ConnectionOptions
{
    public Option<string?> Provider { get; } = new("--cluster-provider") { Description = "Cluster:Provider: Localhost (default), AzureTable, AdoNet or Redis", Recursive = true };
    public Option<string?> Connection { get; } = new("--cluster-connection") { Description = "Cluster:ConnectionString of the clustering provider", Recursive = true };
    public Option<int?> GatewayPort { get; } = new("--gateway-port") { Description = "Cluster:GatewayPort with Localhost clustering (default 30000)", Recursive = true };
    public Option<string?> ClusterId { get; } = new("--cluster-id") { Description = "Cluster:ClusterId (default byol)", Recursive = true };
    public Option<string?> ServiceId { get; } = new("--service-id") { Description = "Cluster:ServiceId (default byol)", Recursive = true };

    public IEnumerable<Option> All => [Provider, Connection, GatewayPort, ClusterId, ServiceId];

    public ClientClusterOptions Resolve(ParseResult parse, string? configurationDirectory)
    {
        var overrides = new Dictionary<string, string?>();
        void Set(string key, string? value)
        {
            if (value is not null)
                overrides[$"{ClientClusterOptions.Section}:{key}"] = value;
        }
        Set(nameof(ClientClusterOptions.Provider), parse.GetValue(Provider));
        Set(nameof(ClientClusterOptions.ConnectionString), parse.GetValue(Connection));
        Set(nameof(ClientClusterOptions.GatewayPort), parse.GetValue(GatewayPort)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(nameof(ClientClusterOptions.ClusterId), parse.GetValue(ClusterId));
        Set(nameof(ClientClusterOptions.ServiceId), parse.GetValue(ServiceId));
        return ClientConfiguration.ClusterOptions(ClientConfiguration.Build(overrides, configurationDirectory));
    }
}
