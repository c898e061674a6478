using System.Diagnostics;
using Byol.Silo.Hosting;

namespace Byol.Benchmarks.StatusLoad;

/// <summary>
/// The shipped silo (src/Byol.Silo's build output, the long-running member `dotnet run --project src/Byol.Silo`
/// starts) in a process of its own, as one cluster member on this machine: localhost clustering on free ports, file
/// grain state and checkpoints under a temporary directory, one CPU slot. Everything else is its appsettings.json
/// (the dashboard included) unless the settings given to <see cref="Start"/> say otherwise. Its output goes to silo.log in the
/// temporary directory.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly OutputLog log;

    public int GatewayPort { get; }
    public string Directory { get; }
    public string ClusterId { get; }
    public int Id => process.Id;
    public string LogPath => Path.Combine(Directory, "silo.log");

    private SiloProcess(Process process, OutputLog log, int gatewayPort, string directory, string clusterId)
    {
        this.process = process;
        this.log = log;
        GatewayPort = gatewayPort;
        Directory = directory;
        ClusterId = clusterId;
    }

    /// <param name="executable">The silo's apphost (<see cref="DefaultExecutable"/> unless given).</param>
    /// <param name="settings">More `Key=Value` settings (they win over the ones made here).</param>
    /// <param name="environment">Environment variables of the silo process (runtime knobs such as DOTNET_*).</param>
    public static SiloProcess Start(string executable, int threadsPerSlot, IReadOnlyList<string> settings, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(executable))
            throw new ArgumentException($"no silo at {executable}: build it (dotnet build -c Release src/Byol.Silo) or pass --silo PATH");
        var directory = Path.Combine(Path.GetTempPath(), "byol-bench-silo-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var siloPort = LoopbackPort.Free();
        var gatewayPort = LoopbackPort.Free();
        var clusterId = "byol-bench-" + Path.GetFileName(directory)[^12..];
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!, // its appsettings.json applies, as shipped
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var setting in new[]
                 {
                     "Cluster:Provider=Localhost", $"Cluster:SiloPort={siloPort}", $"Cluster:GatewayPort={gatewayPort}",
                     $"Cluster:PrimarySiloPort={siloPort}", $"Cluster:ClusterId={clusterId}",
                     "Storage:Provider=FileSystem", $"Storage:Directory={directory}",
                     "Silo:Accelerator=cpu", "Silo:Slots=1", $"Silo:ThreadsPerSlot={threadsPerSlot}",
                     $"Dashboard:Port={LoopbackPort.Free()}",
                 }.Concat(settings))
            start.ArgumentList.Add(setting);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var log = new OutputLog(Path.Combine(directory, "silo.log"));
        process.OutputDataReceived += (_, e) => log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(process, log, gatewayPort, directory, clusterId);
    }

    /// <summary>src/Byol.Silo's output for this program's configuration and runtime (Release, linux-x64 as built).</summary>
    public static string DefaultExecutable()
    {
        var benchmarkOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var relative = Path.GetRelativePath(Path.Combine(Cluster.BenchmarkSpecs.RepoRoot, "benchmarks", "Byol.Benchmarks"), benchmarkOutput);
        return Path.Combine(Cluster.BenchmarkSpecs.RepoRoot, "src", "Byol.Silo", relative, "Byol.Silo");
    }

    public ProcessCpu Cpu() => ProcessCpu.Read(process.Id);

    public bool HasExited => process.HasExited;

    /// <summary>The last lines of the silo's output (for an error message).</summary>
    public string LogTail(int lines = 20)
    {
        try { return string.Join('\n', File.ReadLines(LogPath).TakeLast(lines)); }
        catch (IOException) { return ""; }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        log.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The silo's output lines, appended to a file until disposed (later lines are dropped).</summary>
    private sealed class OutputLog(string path) : IDisposable
    {
        private readonly StreamWriter writer = new(path) { AutoFlush = true };
        private bool closed;

        public void Append(string? line)
        {
            lock (writer)
            {
                if (line is not null && !closed)
                    writer.WriteLine(line);
            }
        }

        public void Dispose()
        {
            lock (writer)
            {
                closed = true;
                writer.Dispose();
            }
        }
    }
}
