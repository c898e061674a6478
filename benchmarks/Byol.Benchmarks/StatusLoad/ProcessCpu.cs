using System.Globalization;

namespace Byol.Benchmarks.StatusLoad;

/// <summary>
/// A process's CPU time (user + system, exited threads included; /proc/PID/stat, 10 ms ticks) and its threads'
/// context switches (live threads; /proc/PID/task/*/status), read at one moment.
/// </summary>
public readonly record struct ProcessCpu(TimeSpan Cpu, long VoluntarySwitches, long InvoluntarySwitches)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public long Switches => VoluntarySwitches + InvoluntarySwitches;

    public static ProcessCpu operator -(ProcessCpu after, ProcessCpu before) =>
        new(after.Cpu - before.Cpu, after.VoluntarySwitches - before.VoluntarySwitches, after.InvoluntarySwitches - before.InvoluntarySwitches);

    public static ProcessCpu Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long voluntary = 0, involuntary = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
                        voluntary += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                    else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        involuntary += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                }
            }
            catch (IOException) { /* the thread ended while being read */ }
        }
        return new ProcessCpu(TimeSpan.FromSeconds(ticks / TicksPerSecond), voluntary, involuntary);
    }
}
