namespace Byol.Contracts.Sweeps;

/// <summary>The states DESIGN.md names; their lower-case names are the JSON contract.</summary>
[GenerateSerializer, Alias("byol.TrialState")]
public enum TrialState { Pending, Running, Completed, Failed, Cancelled, Stopped }

/// <summary>The state of a whole sweep.</summary>
[GenerateSerializer, Alias("byol.SweepState")]
public enum SweepState { Pending, Running, Paused, Completed, Cancelled, Failed }
