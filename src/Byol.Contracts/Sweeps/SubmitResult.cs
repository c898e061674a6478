namespace Byol.Contracts.Sweeps;

/// <summary>The answer to a submission: accepted with its trial count, or refused with every reason.</summary>
[GenerateSerializer, Alias("byol.SubmitResult"), Immutable]
public sealed record SubmitResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string SweepId,
    [property: Id(2)] int Trials,
    [property: Id(3)] IReadOnlyList<string> Errors);
