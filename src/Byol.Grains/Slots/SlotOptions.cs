namespace Byol.Grains.Slots;

/// <summary>`Silo:Accelerator` (auto | cuda | cpu), `Silo:Slots` (0 = one per CUDA device, else 1 on CPU), `Silo:ThreadsPerSlot`, `Silo:ViewLanes`.</summary>
public sealed class SlotOptions
{
    public const string Section = "Silo";
    public string Accelerator { get; set; } = "auto";
    public int? Slots { get; set; }
    /// <summary>Intra-op threads per trainer; 0 = the cores this process may use divided by the slots.</summary>
    public int ThreadsPerSlot { get; set; }
    /// <summary>On a CPU with >= 2 threads per slot, each BYOL step runs its two views on two threads at once (Byol.Model's ViewLanes).</summary>
    public bool ViewLanes { get; set; } = true;
}
