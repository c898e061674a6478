namespace Byol.Client.Connection;

/// <summary>
/// `Cluster:*`, the keys the silo reads (ByolClusterOptions): how the client finds a gateway. Localhost (default:
/// a silo on this machine, gateway port 30000), AzureTable, AdoNet (PostgreSQL) or Redis with `Cluster:ConnectionString`.
/// </summary>
public sealed class ClientClusterOptions
{
    public const string Section = "Cluster";
    public string Provider { get; set; } = "Localhost";
    public string? ConnectionString { get; set; }
    public string ClusterId { get; set; } = "byol";
    public string ServiceId { get; set; } = "byol";
    public int GatewayPort { get; set; } = 30000;

    /// <summary>How long connecting may take before the client gives up (a missing cluster fails fast).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long one grain call may take (exporting and embedding run on a silo).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What the error message names as the address tried; never the connection string (it may hold a key).</summary>
    public string Describe() => Provider.ToLowerInvariant() switch
    {
        "localhost" => $"127.0.0.1:{GatewayPort} (Localhost clustering, cluster '{ClusterId}')",
        _ => $"the gateways of {Provider} clustering (cluster '{ClusterId}'{ConnectionHost()})",
    };

    private string ConnectionHost()
    {
        if (ConnectionString is null)
            return ", no Cluster:ConnectionString";
        foreach (var part in ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            var key = eq < 0 ? "" : part[..eq].Trim().ToLowerInvariant();
            if (key is "host" or "server" or "tableendpoint" or "accountname")
                return $", {key} {part[(eq + 1)..]}";
        }
        return ConnectionString.Contains('=') ? "" : $", {ConnectionString.Split(',')[0]}";
    }
}
