using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Byol.FaultRun;

/// <summary>
/// A child process in its own process group (via setsid), its output appended to a log file. Its group id is
/// recorded in the run's pid file so the calling script's trap can stop it even if this program dies.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private ChildProcess(Process process, StreamWriter log, string logPath)
    {
        this.process = process;
        this.log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }
    public int Id => process.Id;
    public bool HasExited => process.HasExited;

    public static ChildProcess Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, string logPath, string pidFile)
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(program);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        File.AppendAllText(pidFile, process.Id + Environment.NewLine);
        var child = new ChildProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => child.Write(e.Data);
        process.ErrorDataReceived += (_, e) => child.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Write(string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.WriteLine(line);
    }

    /// <summary>SIGKILL to the whole group: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        Signal(SigKill);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>. True if it exited on its own.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
            return true;
        Signal(SigTerm);
        using var cts = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return false;
        }
    }

    private void Signal(int signal)
    {
        if (!process.HasExited && Kill(-process.Id, signal) != 0 && !process.HasExited)
            process.Kill(entireProcessTree: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
            await KillAsync();
        process.WaitForExit();
        lock (log)
            log.Dispose();
        process.Dispose();
    }

    /// <summary>SIGKILLs every process group recorded in the pid file (those already gone are skipped).</summary>
    public static void KillRecorded(string pidFile)
    {
        if (!File.Exists(pidFile))
            return;
        foreach (var line in File.ReadAllLines(pidFile))
            if (int.TryParse(line, out var pid))
                Kill(-pid, SigKill);
    }

    private const int SigTerm = 15;
    private const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
