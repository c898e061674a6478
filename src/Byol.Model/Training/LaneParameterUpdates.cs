using Byol.Model.Runtime;

namespace Byol.Model.Training;

/// <summary>
/// Per-parameter work split over the training thread and a lane thread: the calling thread takes the first
/// parameters, in order, up to about half of the elements, the lane thread the rest, each at its lane's intra-op
/// thread count. A parameter is updated on the same thread, with the same arithmetic, every step, so a run reproduces
/// itself to the bit; with one intra-op thread per lane (two cores per slot) the result is the one-thread result to the
/// bit (LaneParameterUpdatesTests). For the stretch of a step after both lanes' backward passes, when the lane thread
/// would otherwise wait.
/// </summary>
internal sealed class LaneParameterUpdates(LaneThread lane) : ParameterUpdates
{
    public override void Run(IReadOnlyList<long> sizes, Action<int> update)
    {
        var split = HalfOfTheElements(sizes);
        lane.Start(() => RunRange(split, sizes.Count, update));
        try
        {
            RunRange(0, split, update);
        }
        catch (Exception)
        {
            try { lane.Wait(); }
            catch (Exception) { /* the calling thread's failure is the one to report */ }
            throw;
        }
        lane.Wait();
    }

    /// <summary>
    /// The index that splits <paramref name="sizes"/> most evenly into the calling thread's part, before it, and the
    /// lane's, from it on (the later index where two are as even).
    /// </summary>
    internal static int HalfOfTheElements(IReadOnlyList<long> sizes)
    {
        var total = sizes.Sum();
        var (best, bestLarger, before) = (0, total, 0L);
        for (var i = 1; i <= sizes.Count; i++)
        {
            before += sizes[i - 1];
            var larger = Math.Max(before, total - before);
            if (larger <= bestLarger)
                (best, bestLarger) = (i, larger);
        }
        return best;
    }
}
