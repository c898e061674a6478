using System.Diagnostics;

namespace Byol.Benchmarks.Orchestration;

/// <summary>
/// How long a slot stays idle after its work ends while more work waits: with <c>C</c> slots in all and work
/// always waiting, the (C + i)-th piece of work to start takes the slot that the i-th to end gave back, so the
/// i-th latency is start[C + i] - end[i] (both in time order). It is never negative: when the (C + i)-th starts,
/// at most C hold slots, so at least i + 1 have ended. The last C ends have nothing left to start and are not counted.
/// </summary>
public static class SlotLatency
{
    public static IReadOnlyList<double> FreedToNextStartMs(IReadOnlyList<SlotOccupancyLog.Occupancy> occupancies, int totalSlots)
    {
        var starts = occupancies.Select(o => o.StartTimestamp).Order().ToArray();
        var ends = occupancies.Select(o => o.EndTimestamp).Order().ToArray();
        var latencies = new List<double>();
        for (var i = 0; totalSlots + i < starts.Length; i++)
            latencies.Add(Stopwatch.GetElapsedTime(ends[i], starts[totalSlots + i]).TotalMilliseconds);
        return latencies;
    }
}
