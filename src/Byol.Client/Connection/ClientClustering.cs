using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Byol.Client.Connection;

/// <summary>How the client finds gateways for each `Cluster:Provider`, matching the silo's clustering.</summary>
internal static class ClientClustering
{
    public static void Configure(IClientBuilder client, ClientClusterOptions options)
    {
        switch (options.Provider.ToLowerInvariant())
        {
            case "localhost":
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
                break;
            case "azuretable":
                client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(Required(options)));
                break;
            case "adonet":
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = Required(options);
                });
                break;
            case "redis":
                client.UseRedisClustering(Required(options));
                break;
            default:
                throw new OptionsValidationException(nameof(ClientClusterOptions), typeof(ClientClusterOptions),
                    [$"Cluster:Provider '{options.Provider}' is not one of Localhost, AzureTable, AdoNet, Redis"]);
        }
    }

    private static string Required(ClientClusterOptions options) =>
        options.ConnectionString ?? throw new OptionsValidationException(nameof(ClientClusterOptions), typeof(ClientClusterOptions),
            [$"Cluster:ConnectionString is required with Cluster:Provider {options.Provider}"]);
}
