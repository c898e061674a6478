namespace Byol.Grains.Training;

/// <summary>The silo a trainer or evaluator landed on has no free slot of the right accelerator.</summary>
[GenerateSerializer, Alias("byol.SlotUnavailableException")]
public sealed class SlotUnavailableException : Exception
{
    public SlotUnavailableException() { }
    public SlotUnavailableException(string message) : base(message) { }
}
