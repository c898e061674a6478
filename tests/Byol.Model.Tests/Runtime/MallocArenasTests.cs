using System.Text;
using Byol.Model.Runtime;

namespace Byol.Model.Tests.Runtime;

/// <summary>
/// A tensor process restarts itself once with glibc held to one malloc arena, keeping its process id, arguments and
/// .NET's diagnostics socket and debugger pipes (the restarted runtime makes its own), unless the user set the variable, a glibc malloc setting, or opted out of Byol's heap settings.
/// </summary>
public sealed class MallocArenasTests
{
    public const string Command = "malloc-arenas";

    [Fact]
    public void A_process_without_the_setting_restarts_itself_once_with_one_arena_and_the_same_id()
    {
        var lines = RunChild(new Dictionary<string, string?>());
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("start arenas=unset pid=", lines[0]);
        var pid = lines[0].Split("pid=")[1];
        Assert.Equal($"start arenas=1 pid={pid}", lines[1]);
        Assert.Equal($"running arenas=1 pid={pid} args={Command} diagnostics=listening debugger-pipes=2", lines[2]);
    }

    [Theory]
    [InlineData("MALLOC_ARENA_MAX", "4", "4")]
    [InlineData("BYOL_NATIVE_HEAP", "default", "unset")]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.arena_max=2", "unset")]
    public void A_process_the_user_configured_runs_as_it_was_started(string variable, string value, string arenas)
    {
        var lines = RunChild(new Dictionary<string, string?> { [variable] = value });
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"start arenas={arenas} pid=", lines[0]);
        Assert.StartsWith($"running arenas={arenas} pid=", lines[1]);
        Assert.EndsWith("diagnostics=listening debugger-pipes=2", lines[1]);
    }

    [Fact]
    public void Command_line_arguments_are_read_as_procfs_writes_them()
    {
        Assert.Equal(["dotnet", "exec", "a b.dll", ""], MallocArenas.ArgumentsOf(Encoding.UTF8.GetBytes("dotnet\0exec\0a b.dll\0\0")));
        Assert.Equal(["silo"], MallocArenas.ArgumentsOf(Encoding.UTF8.GetBytes("silo\0")));
        Assert.Empty(MallocArenas.ArgumentsOf([]));
    }

    /// <summary>The child's side: reports, restarts if it has to, reports again.</summary>
    public static int RunChild(TextWriter output)
    {
        output.WriteLine($"start arenas={Arenas()} pid={Environment.ProcessId}");
        output.Flush();
        MallocArenas.RestartWithOneArenaIfNeeded();
        output.WriteLine($"running arenas={Arenas()} pid={Environment.ProcessId} args={string.Join(' ', Environment.GetCommandLineArgs().Skip(1))} " +
                         $"diagnostics={(DiagnosticsListening() ? "listening" : "absent")} " +
                         $"debugger-pipes={(Eventually(() => DebuggerPipes() == 2) ? 2 : DebuggerPipes())}");
        return 0;
    }

    /// <summary>Whether .NET's diagnostics socket of this process is bound and listening (/proc/net/unix lists it).</summary>
    private static bool DiagnosticsListening()
    {
        var name = $"dotnet-diagnostic-{Environment.ProcessId}-{StartTime()}-socket";
        return Eventually(() => File.ReadLines("/proc/net/unix").Any(line => line.Contains(name, StringComparison.Ordinal)));
    }

    /// <summary>
    /// This runtime's debugger pipes: named by process id and start time (/proc/self/stat's 22nd field, clock ticks
    /// since boot), so files left by an earlier process with the same id do not count.
    /// </summary>
    private static int DebuggerPipes() =>
        new[] { "in", "out" }.Count(end => File.Exists($"/tmp/clr-debug-pipe-{Environment.ProcessId}-{StartTime()}-{end}"));

    private static string StartTime()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
    }

    /// <summary>The runtime makes its socket and pipes as it starts; gives it up to 5 s on a loaded machine.</summary>
    private static bool Eventually(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (condition())
                return true;
            Thread.Sleep(100);
        }
        return false;
    }

    private static string Arenas() => Environment.GetEnvironmentVariable(MallocArenas.ArenaMaxVariable) is { Length: > 0 } value ? value : "unset";

    private static string[] RunChild(Dictionary<string, string?> environment)
    {
        // The test runner's own environment may carry the variables under test; the child starts without them.
        foreach (var name in new[] { "MALLOC_ARENA_MAX", "BYOL_NATIVE_HEAP", "GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_" })
            environment.TryAdd(name, null);
        var (exitCode, output) = TestAssemblyProcess.Run([Command], environment, TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
