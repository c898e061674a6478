using TorchSharp;

namespace Byol.Model.Runtime;

/// <summary>
/// Process-wide libtorch settings, set once from one option: the intra-op thread count (default: the
/// cores this process may use) and the device (CUDA when <c>torch.cuda.is_available()</c>, else CPU). Configuring
/// the threads also tunes the native heap for tensor work (<see cref="NativeHeap"/>).
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static int _configuredThreads;

    /// <summary>The cores this process may use (honours CPU affinity and container limits).</summary>
    public static int AvailableCores => Math.Max(1, Environment.ProcessorCount);

    /// <summary>Sets libtorch's intra-op thread count; 0 means <see cref="AvailableCores"/>.</summary>
    public static int ConfigureThreads(int threads = 0)
    {
        var wanted = threads > 0 ? threads : AvailableCores;
        NativeHeap.TuneForTensors();
        lock (Gate)
        {
            if (_configuredThreads != wanted)
            {
                torch.set_num_threads(wanted);
                _configuredThreads = wanted;
            }
        }
        return wanted;
    }

    /// <summary>"auto" picks CUDA when available; "cuda" demands it; "cpu" forces the CPU.</summary>
    public static torch.Device SelectDevice(string accelerator = "auto")
    {
        var cuda = torch.cuda.is_available();
        return accelerator.ToLowerInvariant() switch
        {
            "cpu" => torch.CPU,
            "cuda" when cuda => torch.CUDA,
            "cuda" => throw new InvalidOperationException("accelerator 'cuda' was requested but torch.cuda.is_available() is false on this host"),
            _ => cuda ? torch.CUDA : torch.CPU,
        };
    }

    /// <summary>Number of CUDA devices libtorch sees (0 on CPU-only builds).</summary>
    public static int CudaDeviceCount => torch.cuda.is_available() ? torch.cuda.device_count() : 0;
}
