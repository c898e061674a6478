namespace Byol.Model.Runtime;

/// <summary>
/// One reading of glibc's heap (<see cref="NativeHeap.Usage"/>): <paramref name="ArenaBytes"/> obtained from the
/// kernel for the arenas, of which <paramref name="InUseBytes"/> is handed out and <paramref name="FreeBytes"/> free but
/// kept; <paramref name="MmappedBytes"/> in blocks mapped one by one. Free bytes are resident only where they were
/// touched and not trimmed since.
/// </summary>
public sealed record NativeHeapUsage(long ArenaBytes, long InUseBytes, long FreeBytes, long MmappedBytes);
