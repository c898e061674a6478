using System.Diagnostics;

namespace Byol.Benchmarks.Orchestration;

/// <summary>
/// When each piece of work held a slot: the no-op training sessions and evaluations record their start and end
/// here (one log for all silos of the process, on one clock). Work starts after its slot is taken and ends before
/// it is given back, so the intervals never overlap more than the slots allow.
/// </summary>
public sealed class SlotOccupancyLog
{
    private readonly object gate = new();
    private readonly List<Occupancy> entries = [];

    public sealed record Occupancy(string Kind, long StartTimestamp, long EndTimestamp);

    public long Begin() => Stopwatch.GetTimestamp();

    public void End(string kind, long startTimestamp)
    {
        var end = Stopwatch.GetTimestamp();
        lock (gate)
            entries.Add(new Occupancy(kind, startTimestamp, end));
    }

    public void Clear()
    {
        lock (gate)
            entries.Clear();
    }

    public IReadOnlyList<Occupancy> Snapshot()
    {
        lock (gate)
            return entries.ToList();
    }
}
