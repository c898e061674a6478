using System.Globalization;

namespace Byol.Benchmarks;

/// <summary>This process's resident set from /proc/self/status: managed heap, libtorch's native memory, code.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS in bytes.</summary>
    public static long ResidentBytes() =>
        ReadResidentKiB().Resident is var kib and >= 0 ? kib * 1024 : throw new InvalidOperationException("/proc/self/status has no VmRSS line");

    /// <summary>VmRSS and RssAnon (its anonymous part) in one read, KiB; -1 for a field that is not there.</summary>
    public static (long Resident, long Anonymous) ReadResidentKiB()
    {
        var (resident, anonymous) = (-1L, -1L);
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    resident = KiB(line);
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                    anonymous = KiB(line);
            }
        }
        catch (IOException)
        {
        }
        return (resident, anonymous);

        static long KiB(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
