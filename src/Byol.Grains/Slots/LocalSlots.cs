using Byol.Contracts.Cluster;
using Byol.Model.Runtime;
using Microsoft.Extensions.Options;

namespace Byol.Grains.Slots;

/// <summary>
/// This silo's trainer slots: what it offers and who holds them. The hard limit: no silo ever runs more
/// trainers and evaluators than it has slots, whatever placement decided.
/// </summary>
public sealed class LocalSlots
{
    private readonly object gate = new();
    private readonly HashSet<string> holders = [];

    public string Accelerator { get; }
    public int Devices { get; }
    public int Capacity { get; }
    public int ThreadsPerSlot { get; }
    public bool ViewLanes { get; }

    public LocalSlots(IOptions<SlotOptions> options)
    {
        var o = options.Value;
        var cudaDevices = o.Accelerator == "cpu" ? 0 : SafeCudaDeviceCount();
        Accelerator = o.Accelerator switch
        {
            "cpu" => "cpu",
            "cuda" => "cuda",
            _ => cudaDevices > 0 ? "cuda" : "cpu",
        };
        Devices = Accelerator == "cuda" ? Math.Max(cudaDevices, 1) : 0;
        Capacity = o.Slots ?? (Accelerator == "cuda" ? Devices : 1);
        ThreadsPerSlot = o.ThreadsPerSlot > 0 ? o.ThreadsPerSlot : Math.Max(1, TorchRuntime.AvailableCores / Math.Max(1, Capacity));
        ViewLanes = o.ViewLanes;
    }

    private static int SafeCudaDeviceCount()
    {
        try { return TorchRuntime.CudaDeviceCount; }
        catch (Exception) { return 0; }
    }

    public bool TryAcquire(string holder)
    {
        lock (gate)
        {
            if (holders.Contains(holder))
                return true;
            if (holders.Count >= Capacity)
                return false;
            holders.Add(holder);
            PeakInUse = Math.Max(PeakInUse, holders.Count);
            return true;
        }
    }

    public void Release(string holder)
    {
        lock (gate)
            holders.Remove(holder);
    }

    public IReadOnlyList<string> Holders
    {
        get { lock (gate) return holders.Order().ToList(); }
    }

    /// <summary>The highest number of holders ever seen at once (tests check it never exceeds the capacity).</summary>
    public int PeakInUse { get; private set; }

    public SiloCapacity Describe(string silo) => new(silo, Accelerator, Devices, Capacity, Environment.MachineName);
}
