using System.Collections.Concurrent;
using Byol.Contracts.Grains;
using Byol.Grains.Tests.Azurite;
using Byol.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Byol.Grains.Tests.Security;

/// <summary>
/// A silo on Azure Table clustering and Azure Blob storage (Azurite) logs at Trace level through start, a grain call
/// that touches storage, and stop; the storage account key must appear in none of it. (The fault run checks the same
/// in the logs of real silo processes.)
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SecretLoggingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_storage_account_key_never_reaches_the_logs()
    {
        await azurite.StartAsync();
        var directory = Directory.CreateTempSubdirectory("byol-secrets-").FullName;
        var sink = new CapturingProvider();
        var port = LoopbackPort.Free();
        using var silo = new HostBuilder()
            .ConfigureLogging(l => l.ClearProviders().AddProvider(sink).SetMinimumLevel(LogLevel.Trace))
            .UseOrleans(s => s.ConfigureByol(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cluster:Provider"] = "AzureTable",
                ["Cluster:ConnectionString"] = azurite.ConnectionString,
                ["Cluster:ClusterId"] = "secrets-" + Guid.NewGuid().ToString("N")[..6],
                ["Cluster:SiloPort"] = port.ToString(),
                ["Cluster:GatewayPort"] = LoopbackPort.Free().ToString(),
                ["Storage:Provider"] = "AzureBlob",
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Storage:Directory"] = directory,
                ["Silo:Accelerator"] = "cpu",
                ["Silo:Slots"] = "1",
                ["Silo:ThreadsPerSlot"] = "1",
            }).Build()))
            .Build();
        try
        {
            await silo.StartAsync();
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<ISweepRegistryGrain>(0).List();
            await silo.StopAsync();
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }

        Assert.True(sink.Messages.Count > 50, $"only {sink.Messages.Count} log messages were captured");
        Assert.Contains(sink.Messages, m => m.Contains("Orleans", StringComparison.Ordinal) || m.Contains("Silo", StringComparison.Ordinal));
        var leaks = sink.Messages.Where(m => m.Contains(AzuriteFixture.AccountKey, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "the account key was logged:\n" + string.Join("\n", leaks.Take(3).Select(l => l[..Math.Min(300, l.Length)])));
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void Dispose() { }

        private sealed class Logger(CapturingProvider sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Messages.Enqueue($"{category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
        }
    }
}
