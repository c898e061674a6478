namespace Byol.Benchmarks.TrialMemory;

/// <summary>This process's resident set (VmRSS of /proc/self/status: managed heap, libtorch's native memory, code).</summary>
public static class ProcessMemory
{
    public static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
                continue;
            var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
            return long.Parse(kilobytes) * 1024;
        }
        throw new InvalidOperationException("/proc/self/status has no VmRSS line");
    }
}
