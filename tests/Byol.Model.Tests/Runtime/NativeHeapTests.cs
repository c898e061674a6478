using System.Runtime.InteropServices;
using Byol.Model.Runtime;

namespace Byol.Model.Tests.Runtime;

public sealed class NativeHeapTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Byol_tunes_the_heap_unless_told_not_to_or_glibc_is_configured_already()
    {
        Assert.True(NativeHeap.ShouldTune(Env()));
        Assert.True(NativeHeap.ShouldTune(Env(("GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX512F"), ("MALLOC_ARENA_MAX", "2"))));
        Assert.False(NativeHeap.ShouldTune(Env((NativeHeap.OptOutVariable, "default"))));
        Assert.False(NativeHeap.ShouldTune(Env(("MALLOC_MMAP_THRESHOLD_", "131072"))));
        Assert.False(NativeHeap.ShouldTune(Env(("MALLOC_TRIM_THRESHOLD_", "0"))));
        Assert.False(NativeHeap.ShouldTune(Env(("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=65536"))));
    }

    [Fact]
    public void A_freed_tensor_sized_block_is_reused_without_faulting_in_new_pages()
    {
        Assert.True(NativeHeap.TuneForTensors()); // glibc Linux, no opt-out in the test environment
        const int bytes = 16 << 20; // one batch-256 activation of 16 channels at 32x32 in fp32
        Touch(bytes); // the heap grows once
        // Other tests allocate in the same arenas meanwhile and may take the block between a free and the next
        // malloc: the fewest faults of three tries is this thread's own figure.
        var faults = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = MinorFaultsOfThisThread();
            Touch(bytes);
            faults = Math.Min(faults, MinorFaultsOfThisThread() - before);
        }
        // glibc's default would map the block afresh and fault in all 4,096 of its pages on every touch.
        Assert.True(faults < 256, $"{faults} minor page faults for a block the heap already had");
        NativeHeap.Trim();
    }

    [Fact]
    public void Usage_counts_a_block_as_in_use_until_it_is_freed()
    {
        const long bytes = 24 << 20;
        // Other tests allocate meanwhile: of five tries, the one whose change is closest to the block's size counts.
        (long InUse, long Freed)? best = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var before = Live(NativeHeap.Usage()!);
            var block = Marshal.AllocHGlobal((nint)bytes);
            var during = NativeHeap.Usage()!;
            Marshal.FreeHGlobal(block);
            var after = Live(NativeHeap.Usage()!);
            Assert.Equal(during.ArenaBytes, during.InUseBytes + during.FreeBytes); // glibc: every arena byte is handed out or free
            var inUse = Math.Abs(Live(during) - before - bytes);
            var freed = Math.Abs(Live(during) - after - bytes);
            if (best is null || inUse + freed < best.Value.InUse + best.Value.Freed)
                best = (inUse, freed);
        }
        Assert.True(best!.Value.InUse < 1 << 20 && best.Value.Freed < 1 << 20, $"in use off by {best.Value.InUse} bytes, freed off by {best.Value.Freed}");

        static long Live(NativeHeapUsage usage) => usage.InUseBytes + usage.MmappedBytes;
    }

    /// <summary>malloc (what libtorch's CPU allocator calls), a write to every page, free.</summary>
    private static void Touch(int bytes)
    {
        var block = Marshal.AllocHGlobal(bytes); // malloc on Linux
        try
        {
            for (var i = 0; i < bytes; i += 4096)
                Marshal.WriteByte(block, i, 1);
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    /// <summary>Field 10 of /proc/thread-self/stat: minor faults of the calling thread (other tests' threads do not count).</summary>
    private static long MinorFaultsOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }
}
