using System.Runtime.InteropServices;
using TorchSharp;

namespace Byol.Model.Runtime;

/// <summary>
/// The number of intra-op threads libtorch uses for ops the calling thread runs, leaving every other thread's as it
/// is. <c>torch.set_num_threads</c> cannot do that: besides the calling thread's OpenMP and oneMKL thread counts it
/// sets the default of threads that start later, resizes a process-wide thread pool and clears oneDNN's cache of
/// computations. Here the two per-thread settings are called directly: libgomp's <c>omp_set_num_threads</c> (an
/// OpenMP thread's own count) and oneMKL's <c>MKL_Set_Num_Threads_Local</c>, both reached through libtorch_cpu, which
/// links them. Unsupported (and <see cref="TrySet"/> false) where libtorch does not export them.
/// </summary>
internal static class CallingThreadParallelism
{
    private delegate void OmpSetNumThreads(int threads);
    private delegate int MklSetNumThreadsLocal(int threads);

    private static readonly Lazy<(OmpSetNumThreads Omp, MklSetNumThreadsLocal Mkl)?> Setters = new(Resolve);

    public static bool IsSupported => Setters.Value is not null;

    /// <summary>Sets the calling thread's intra-op thread count; false (nothing changed) where unsupported.</summary>
    public static bool TrySet(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (Setters.Value is not { } setters)
            return false;
        // libtorch gives a thread its count lazily, at its first parallel op, from the process default; reading the
        // count does that first, so the default cannot later overwrite what is set here.
        _ = torch.get_num_threads();
        setters.Omp(threads);
        setters.Mkl(threads);
        return true;
    }

    /// <summary>Sets the calling thread's count to <paramref name="threads"/> until the scope is disposed (on the same thread).</summary>
    public static Scope Use(int threads)
    {
        var before = Current;
        return new Scope(TrySet(threads) ? before : 0);
    }

    public readonly struct Scope(int restore) : IDisposable
    {
        public void Dispose()
        {
            if (restore > 0)
                TrySet(restore);
        }
    }

    /// <summary>The calling thread's intra-op thread count.</summary>
    public static int Current => torch.get_num_threads();

    private static (OmpSetNumThreads, MklSetNumThreadsLocal)? Resolve()
    {
        _ = torch.get_num_threads(); // loads libtorch
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", out var library))
            return null;
        // dlsym on a library's handle also searches the libraries it depends on: libgomp for omp_set_num_threads.
        if (!NativeLibrary.TryGetExport(library, "omp_set_num_threads", out var omp) ||
            !NativeLibrary.TryGetExport(library, "MKL_Set_Num_Threads_Local", out var mkl))
            return null;
        return (Marshal.GetDelegateForFunctionPointer<OmpSetNumThreads>(omp), Marshal.GetDelegateForFunctionPointer<MklSetNumThreadsLocal>(mkl));
    }
}
