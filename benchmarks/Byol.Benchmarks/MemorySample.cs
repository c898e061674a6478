using Byol.Model.Runtime;
using TorchSharp;

namespace Byol.Benchmarks;

/// <summary>One reading of the process's memory and of TorchSharp's tensor bookkeeping on the calling thread.</summary>
internal sealed record MemorySample(
    long Step,
    double Seconds,
    long ResidentKiB,
    long ResidentAnonymousKiB,
    long ManagedBytes,
    long ManagedCommittedBytes,
    NativeHeapUsage? NativeHeap,
    long LiveTensors,
    long CreatedInScope,
    long DisposedInScope,
    long CreatedOutsideScope,
    long DisposedOutsideScope,
    long AttachedToScope,
    long DetachedFromScope)
{
    /// <summary>
    /// Reads VmRSS and RssAnon from /proc/self/status (resident set and its anonymous part, KiB; -1 where there is
    /// none), the managed heap without a collection and the memory the GC has committed, glibc's heap
    /// (<see cref="Byol.Model.Runtime.NativeHeap.Usage"/>), and <c>DisposeScopeManager.Statistics</c>: TorchSharp
    /// counts, per thread, the tensors created and disposed inside and outside dispose scopes; ThreadTotalLiveCount is
    /// the tensors created on this thread and not yet disposed.
    /// </summary>
    public static MemorySample Take(long step, double seconds)
    {
        var stats = DisposeScopeManager.Statistics;
        var (resident, anonymous) = ProcessMemory.ReadResidentKiB();
        return new MemorySample(step, seconds, resident, anonymous,
            GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes, Model.Runtime.NativeHeap.Usage(),
            stats.ThreadTotalLiveCount, stats.CreatedInScopeCount, stats.DisposedInScopeCount,
            stats.CreatedOutsideScopeCount, stats.DisposedOutsideScopeCount, stats.AttachedToScopeCount, stats.DetachedFromScopeCount);
    }
}
