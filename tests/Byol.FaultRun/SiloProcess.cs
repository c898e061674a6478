namespace Byol.FaultRun;

/// <summary>
/// One Byol silo as a real process (`dotnet Byol.Silo.dll`) on fixed loopback ports: Azure Table clustering and
/// Azure Blob storage on Azurite, one CPU slot, no dashboard, failure detection shortened through `Orleans:Membership`.
/// Every start writes a new log file, so a run's logs tell each incarnation apart.
/// </summary>
public sealed class SiloProcess(string name, RunSettings settings, string connectionString) : IAsyncDisposable
{
    private readonly int siloPort = Ports.Free();
    private readonly int gatewayPort = Ports.Free();
    private readonly int webPort = Ports.Free();
    private ChildProcess? process;
    private readonly List<string> logs = [];

    public string Name { get; } = name;
    public bool Running => process is { HasExited: false };
    public IReadOnlyList<string> Logs => logs;

    /// <summary>Whether an Orleans silo address ("127.0.0.1:PORT@GEN") is this silo's.</summary>
    public bool Owns(string? siloAddress) => siloAddress is not null && siloAddress.Contains($":{siloPort}@", StringComparison.Ordinal);

    public async Task StartAsync()
    {
        var log = Path.Combine(settings.WorkDirectory, $"{Name}.{logs.Count + 1}.log");
        logs.Add(log);
        var directory = Directory.CreateDirectory(Path.Combine(settings.WorkDirectory, Name)).FullName;
        process = ChildProcess.Start("dotnet", [settings.SiloDll], Environment(), directory, log, settings.PidFile);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        // Active: its slots are registered (SlotRegistration logs "offers N cpu slot(s)" once the silo is up).
        while (!(await Ports.AcceptsAsync(gatewayPort) && LogSays(log, "offers 1 cpu slot(s)")))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{Name} did not become active{(process.HasExited ? " (it exited)" : "")}; see {log}");
            await Task.Delay(250);
        }
    }

    private static bool LogSays(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd().Contains(text, StringComparison.Ordinal);
    }

    public async Task KillAsync()
    {
        if (process is null)
            return;
        await process.KillAsync();
        await process.DisposeAsync();
        process = null;
    }

    /// <summary>SIGTERM: the silo drains its trainers and leaves. False if it had to be killed.</summary>
    public async Task<bool> StopAsync()
    {
        if (process is null)
            return true;
        var clean = await process.StopAsync(TimeSpan.FromSeconds(120));
        await process.DisposeAsync();
        process = null;
        return clean;
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["Cluster__Provider"] = "AzureTable",
        ["Cluster__ConnectionString"] = connectionString,
        ["Cluster__ClusterId"] = settings.ClusterId,
        ["Cluster__ServiceId"] = settings.ClusterId,
        ["Cluster__SiloPort"] = siloPort.ToString(),
        ["Cluster__GatewayPort"] = gatewayPort.ToString(),
        ["Storage__Provider"] = "AzureBlob",
        ["Storage__ConnectionString"] = connectionString,
        ["Silo__Accelerator"] = "cpu",
        ["Silo__Slots"] = "1",
        ["Silo__ThreadsPerSlot"] = "1",
        ["Dashboard__Enabled"] = "false",
        ["Dashboard__Host"] = "127.0.0.1",
        ["Dashboard__Port"] = webPort.ToString(),
        // A killed silo is declared dead within seconds (defaults take a minute or more).
        ["Orleans__Membership__ProbeTimeout"] = "00:00:02",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
        // Orleans at Information, so its option dumps are in the logs the secret check reads.
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Orleans"] = "Information",
        ["Logging__LogLevel__Microsoft"] = "Warning",
        ["Logging__LogLevel__Polly"] = "Warning",
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        ["DOTNET_gcServer"] = "0",
    };

    public async ValueTask DisposeAsync() => await KillAsync();
}
