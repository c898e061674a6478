using System.Runtime.InteropServices;
using System.Text;

namespace Byol.Model.Runtime;

/// <summary>
/// Runs a tensor process with glibc's malloc held to one arena (<c>MALLOC_ARENA_MAX=1</c>). By default glibc gives
/// threads arenas of their own, and an arena other than the main one lives in heaps of at most 64 MiB: a trainer's
/// thread or a view lane whose step needs more spills into a second heap and first-touches its pages over hundreds
/// of steps, so the resident set creeps (+3.4-5.5 % from step 200 to 2,000 in the <c>memory</c> benchmark, flat only
/// after step 800-1,400), and a silo's grew from trial to trial. With one arena every thread allocates from the main
/// heap, which grows in one piece: the same benchmark held within 0.2-2.0 % from step 200 (the GC's own one-time
/// growth included) and a silo's RSS stopped growing, at no measurable cost to the step (docs/benchmarks.md). glibc
/// fixes the limit when threads first need arenas (mallopt's M_ARENA_MAX later only spreads new threads over the
/// arenas that exist by then), so a process that was not started with it restarts itself with it: the same
/// executable, arguments, process id and standard streams, via execve, before it has done anything else.
/// </summary>
public static class MallocArenas
{
    public const string ArenaMaxVariable = "MALLOC_ARENA_MAX";
    private const string CommandLineFile = "/proc/self/cmdline";

    /// <summary>
    /// Call first thing in Main: returns at once where nothing is to be done (not glibc Linux, the variable or a
    /// glibc malloc tunable already set, <see cref="NativeHeap.OptOutVariable"/> = default); otherwise replaces the
    /// process with itself under <c>MALLOC_ARENA_MAX=1</c> and does not return, unless execve fails.
    /// </summary>
    public static void RestartWithOneArenaIfNeeded()
    {
        if (!ShouldRestart(Environment.GetEnvironmentVariable) || !File.Exists(CommandLineFile))
            return;
        var arguments = ArgumentsOf(File.ReadAllBytes(CommandLineFile));
        if (arguments.Length == 0)
            return;
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => (string)e.Key != ArenaMaxVariable) // set but empty: glibc would read the first of two
            .Select(e => $"{e.Key}={e.Value}")
            .Append($"{ArenaMaxVariable}=1");
        ReleaseDiagnosticsFiles();
        try
        {
            Libc.execve("/proc/self/exe", [.. arguments, null], [.. environment, null]);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
        // execve returned: the process goes on with glibc's arenas as they are.
    }

    /// <summary>Whether the environment leaves the arena count to Byol and does not set it yet.</summary>
    public static bool ShouldRestart(Func<string, string?> environment) =>
        NativeHeap.ShouldTune(environment) && string.IsNullOrEmpty(environment(ArenaMaxVariable));

    /// <summary>The NUL-separated arguments of /proc/self/cmdline, the executable's name first.</summary>
    public static string[] ArgumentsOf(ReadOnlySpan<byte> commandLine)
    {
        var text = Encoding.UTF8.GetString(commandLine);
        return text.EndsWith('\0') ? text[..^1].Split('\0') : text.Length == 0 ? [] : text.Split('\0');
    }

    /// <summary>
    /// The runtime's diagnostics socket (dotnet-trace, dotnet-counters and dotnet-dump attach through it) and its
    /// debugger pipes are named by the process id and start time, which the restarted image keeps, and only a runtime
    /// that exits removes them: left in place, the socket's name could not be bound again (the restarted process ran
    /// without diagnostics). They are this process's own.
    /// </summary>
    private static void ReleaseDiagnosticsFiles()
    {
        var temporary = Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } tmp ? tmp : "/tmp";
        var pid = Environment.ProcessId;
        foreach (var directory in new[] { temporary, "/tmp" }.Distinct())
        {
            foreach (var pattern in new[] { $"dotnet-diagnostic-{pid}-*-socket", $"clr-debug-pipe-{pid}-*-in", $"clr-debug-pipe-{pid}-*-out" })
            {
                try
                {
                    foreach (var file in Directory.EnumerateFiles(directory, pattern))
                        File.Delete(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static class Libc
    {
        // LPStr is UTF-8 on Unix (.NET marshals string arrays only as LPStr, LPWStr or LPTStr).
        [DllImport("libc.so.6", ExactSpelling = true, SetLastError = true)]
        public static extern int execve(
            [MarshalAs(UnmanagedType.LPUTF8Str)] string path,
            [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] argv,
            [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] envp);
    }
}
