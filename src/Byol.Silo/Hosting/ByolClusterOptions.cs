namespace Byol.Silo.Hosting;

/// <summary>
/// `Cluster:*`: how silos find each other. Localhost (default, one machine), AzureTable (Azurite or Azure),
/// AdoNet (PostgreSQL) or Redis, each with `Cluster:ConnectionString`.
/// </summary>
public sealed class ByolClusterOptions
{
    public const string Section = "Cluster";
    public string Provider { get; set; } = "Localhost";
    public string? ConnectionString { get; set; }
    public string ClusterId { get; set; } = "byol";
    public string ServiceId { get; set; } = "byol";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>Localhost clustering: the silo port of the first silo, which the others join.</summary>
    public int PrimarySiloPort { get; set; } = 11111;
    /// <summary>The address other silos reach this one at (default: loopback for Localhost, else this host's address).</summary>
    public string? AdvertisedAddress { get; set; }
    /// <summary>
    /// Running as a Kubernetes pod: Orleans' Kubernetes hosting takes the cluster id, service id and address from the
    /// pod (ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID, POD_NAME, POD_NAMESPACE, POD_IP) and deletes pods of dead silos.
    /// </summary>
    public bool Kubernetes { get; set; }
}

/// <summary>`Storage:*`: checkpoints and grain state. FileSystem (default, under `Storage:Directory`) or AzureBlob.</summary>
public sealed class ByolStorageOptions
{
    public const string Section = "Storage";
    public string Provider { get; set; } = "FileSystem";
    public string? ConnectionString { get; set; }
    public string Directory { get; set; } = ".byol";
    public string Container { get; set; } = "byol-checkpoints";
}

/// <summary>`Dashboard:*`: the Orleans dashboard, on localhost unless `Dashboard:Host` says otherwise.</summary>
public sealed class ByolDashboardOptions
{
    public const string Section = "Dashboard";
    public bool Enabled { get; set; } = true;
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 8080;
}
