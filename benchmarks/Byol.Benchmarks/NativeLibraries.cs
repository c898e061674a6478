namespace Byol.Benchmarks;

/// <summary>
/// Which BLAS the process uses, read from the shared objects mapped into it (/proc/self/maps). TorchSharp-cpu 0.107
/// ships libtorch_cpu.so with Intel oneMKL and oneDNN linked in statically, so no separate BLAS library is mapped;
/// a separately mapped libblas/libopenblas/libmkl would be named.
/// </summary>
internal static class NativeLibraries
{
    public static string Describe()
    {
        var mapped = Mapped();
        var blas = mapped.Where(n => n.Contains("blas") || n.Contains("lapack") || n.Contains("mkl") || n.Contains("dnnl")).ToList();
        var torch = mapped.FirstOrDefault(n => n.StartsWith("libtorch_cpu"));
        var libtorch = torch is null ? "libtorch_cpu not mapped" : $"{torch} (TorchSharp-cpu's libtorch, oneMKL + oneDNN linked in)";
        return blas.Count == 0 ? $"{libtorch}; no separate BLAS library loaded" : $"{libtorch}; loaded: {string.Join(", ", blas)}";
    }

    private static List<string> Mapped()
    {
        try
        {
            return File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(parts => parts.Length >= 6)
                .Select(parts => Path.GetFileName(parts[^1]))
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
