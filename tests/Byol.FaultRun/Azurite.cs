using System.Net;
using System.Net.Sockets;

namespace Byol.FaultRun;

/// <summary>Azurite (blob, queue, table) on fixed loopback ports and one location, so it can be stopped and started again.</summary>
public sealed class Azurite(string location, string logDirectory, string pidFile) : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    /// <summary>Azurite's well-known development key: the fault run fails if it ever appears in a silo log.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly int blobPort = Ports.Free();
    private readonly int queuePort = Ports.Free();
    private readonly int tablePort = Ports.Free();
    private ChildProcess? process;
    private int starts;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    public async Task StartAsync()
    {
        starts++;
        process = ChildProcess.Start("azurite",
        [
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(),
            "--location", location, "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
        ], new Dictionary<string, string>(), location, Path.Combine(logDirectory, $"azurite.{starts}.log"), pidFile);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var port in new[] { blobPort, queuePort, tablePort })
        {
            while (!await Ports.AcceptsAsync(port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"Azurite did not listen on {port}; see {process.LogPath}");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A graceful stop (Azurite saves its database), as an outage that ends later.</summary>
    public async Task StopAsync()
    {
        if (process is null)
            return;
        await process.StopAsync(TimeSpan.FromSeconds(15));
        await process.DisposeAsync();
        process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

public static class Ports
{
    private static readonly HashSet<int> Handed = [];
    private static readonly int Base = 20000 + Random.Shared.Next(0, 80) * 100;

    /// <summary>
    /// A free loopback port below Linux's ephemeral range (32768+), never the same one twice in a run: ports the OS
    /// picks for port 0 can be handed out again, or taken by an outgoing connection, before the silo binds them.
    /// </summary>
    public static int Free()
    {
        lock (Handed)
        {
            for (var port = Base; port < 32000; port++)
            {
                if (Handed.Contains(port) || !CanBind(port))
                    continue;
                Handed.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException("no free loopback port between 20000 and 32000");
    }

    private static bool CanBind(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
