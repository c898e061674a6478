using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Byol.Grains.Tests.Azurite;

/// <summary>
/// A real Azurite (blob, queue and table) as a child process on free loopback ports, persisting to a temporary
/// directory. <see cref="StopAsync"/> and <see cref="StartAsync"/> reuse the same ports and location, for outage tests.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string InstallHint = "npm install -g azurite@3.37.0";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }
    public string Location { get; } = Directory.CreateTempSubdirectory("byol-azurite-").FullName;

    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public async Task InitializeAsync()
    {
        (BlobPort, QueuePort, TablePort) = FreeLoopbackPorts();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // Leave the temp dir behind rather than fail the run.
        }
    }

    /// <summary>Starts Azurite (again) on the same ports and location and waits until every port accepts connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var azurite = FindOnPath("azurite") ?? throw new InvalidOperationException(
            $"Azurite is not on PATH; the Azure Blob checkpoint tests need it. Install it with `{InstallHint}` (Node.js 18+).");
        _process = Process.Start(StartInfo(azurite)) ?? throw new InvalidOperationException($"Could not start {azurite}.");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AcceptsAsync(port))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    var why = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"did not listen on port {port} within {StartTimeout}";
                    throw new InvalidOperationException($"Azurite {why}. Output:\n{string.Join('\n', _output)}");
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>Stops Azurite gracefully (SIGTERM to its process group, so it saves its database), killing it if it lingers.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            Signal(process, graceful: true);
            using var cts = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Signal(process, graceful: false);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }

    private ProcessStartInfo StartInfo(string azurite)
    {
        // setsid makes Azurite the leader of its own process group, so stopping it reaches every child it spawned.
        var setsid = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? null : FindOnPath("setsid");
        var info = new ProcessStartInfo(setsid ?? azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
        {
            info.ArgumentList.Add(azurite);
        }

        foreach (var arg in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
            "--location", Location, "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
        })
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static void Signal(Process process, bool graceful)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            process.Kill(entireProcessTree: true);
            return;
        }

        // Negative pid: the whole process group that setsid created (its id is Azurite's pid).
        if (Kill(-process.Id, graceful ? SigTerm : SigKill) != 0 && !process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
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

    private static (int, int, int) FreeLoopbackPorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return (ports[0], ports[1], ports[2]);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, name), Path.Combine(dir, name + ".cmd") })
            .FirstOrDefault(File.Exists);

    private const int SigTerm = 15;
    private const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
