using System.Runtime.InteropServices;

namespace Byol.Model.Runtime;

/// <summary>
/// glibc malloc settings for tensor work, where libtorch allocates and frees buffers of megabytes every op.
/// By default glibc serves such buffers with fresh mmaps (above a threshold that only rises as big blocks are freed)
/// and hands freed heap tops back to the kernel past 128 KiB, so a step keeps faulting in and zeroing new pages: on
/// the 2-core benchmark machine 1.7-2.7 s of system time per 10 small-resnet steps of batch 256 against 0.9-1.1 s
/// tuned, and 6 % of the step's throughput (Byol.Benchmarks <c>compare --heap-variants</c>, docs/benchmarks.md).
/// <see cref="TuneForTensors"/> keeps blocks up to 32 MiB (glibc's largest mmap threshold) in the heap and its freed
/// tops in the process up to 256 MiB, so a step reuses the previous step's pages; <see cref="Trim"/> gives the kept pages back once a trial is over. What Intel's
/// PyTorch tuning guide gets from jemalloc or tcmalloc, without a second allocator in the process.
/// The number of arenas is <see cref="MallocArenas"/>' part (one, set at process start). A cap on arenas once let
/// TorchSharp 0.107 fail a trial with libtorch's "Unknown scalar type": it lets the GC finalize an implicitly converted
/// Scalar while the native op that reads it still runs (dotnet/TorchSharp#1434), and that race does not need the cap
/// (under continuous garbage collection it failed about as often with an arena per thread). Byol.Model keeps every
/// Scalar it passes alive (<see cref="Scalars"/>), which the Scalar lifetime test checks under a 2-arena cap.
/// </summary>
public static class NativeHeap
{
    public const int MmapThresholdBytes = 32 << 20;
    public const int TrimThresholdBytes = 256 << 20;
    public const int TopPadBytes = 64 << 20;

    /// <summary>Set to <c>default</c> to leave glibc's settings alone.</summary>
    public const string OptOutVariable = "BYOL_NATIVE_HEAP";

    // mallopt parameters, glibc's malloc.h.
    private const int TrimThresholdParameter = -1;
    private const int TopPadParameter = -2;
    private const int MmapThresholdParameter = -3;

    private static readonly object Gate = new();
    private static bool? _tuned;

    /// <summary>Whether <see cref="TuneForTensors"/> changed glibc's settings in this process.</summary>
    public static bool IsTuned => _tuned == true;

    /// <summary>
    /// Applies the settings once per process, unless the host is not glibc Linux, <see cref="OptOutVariable"/> is
    /// <c>default</c>, or the user set glibc's own MALLOC_*_ variables (theirs win). Returns whether they are applied.
    /// </summary>
    public static bool TuneForTensors()
    {
        lock (Gate)
        {
            _tuned ??= ShouldTune(Environment.GetEnvironmentVariable) && TryApply();
            return _tuned.Value;
        }
    }

    /// <summary>Whether the environment leaves the heap to Byol.</summary>
    public static bool ShouldTune(Func<string, string?> environment)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        if (string.Equals(environment(OptOutVariable), "default", StringComparison.OrdinalIgnoreCase))
            return false;
        string[] glibcOwn = ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_"];
        return glibcOwn.All(name => string.IsNullOrEmpty(environment(name)))
               && !(environment("GLIBC_TUNABLES") ?? "").Contains("glibc.malloc.", StringComparison.Ordinal);
    }

    /// <summary>Hands the free pages of every arena back to the kernel (after a trial's tensors are gone). No-op when not tuned.</summary>
    public static void Trim()
    {
        if (IsTuned)
            Glibc.malloc_trim(0);
    }

    /// <summary>
    /// glibc's own account of its heap (mallinfo2, summed over every arena), or null where there is no glibc: what the
    /// arenas hold, what of it is handed out, what is free but kept, and what is in separate mmaps.
    /// </summary>
    public static NativeHeapUsage? Usage()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var info = Glibc.mallinfo2();
            return new NativeHeapUsage((long)info.arena, (long)info.uordblks, (long)info.fordblks, (long)info.hblkhd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static bool TryApply()
    {
        try
        {
            return Glibc.mallopt(MmapThresholdParameter, MmapThresholdBytes) == 1
                   & Glibc.mallopt(TrimThresholdParameter, TrimThresholdBytes) == 1
                   & Glibc.mallopt(TopPadParameter, TopPadBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (musl): its allocator has no such settings
        }
    }

    private static class Glibc
    {
        [DllImport("libc.so.6", ExactSpelling = true)]
        public static extern int mallopt(int parameter, int value);

        [DllImport("libc.so.6", ExactSpelling = true)]
        public static extern int malloc_trim(nuint pad);

        [DllImport("libc.so.6", ExactSpelling = true)]
        public static extern MallInfo2 mallinfo2();

        /// <summary>glibc's struct mallinfo2 (malloc.h, glibc 2.33 and later), field for field.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct MallInfo2
        {
            public nuint arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
        }
    }
}
