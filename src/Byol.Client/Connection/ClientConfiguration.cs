using Microsoft.Extensions.Configuration;

namespace Byol.Client.Connection;

/// <summary>
/// The client's configuration in the Generic Host order: appsettings.json next to the binary, then environment
/// variables (`Cluster__Provider`), then the command line's overrides.
/// </summary>
public static class ClientConfiguration
{
    public static IConfiguration Build(IReadOnlyDictionary<string, string?>? overrides = null, string? baseDirectory = null) =>
        new ConfigurationBuilder()
            .SetBasePath(baseDirectory ?? AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

    public static ClientClusterOptions ClusterOptions(IConfiguration configuration)
    {
        var options = new ClientClusterOptions();
        configuration.GetSection(ClientClusterOptions.Section).Bind(options);
        return options;
    }
}
