using Byol.Contracts.Specs;

namespace Byol.Client.Report;

/// <summary>
/// One paper row beside Byol's measurement of it. Without <c>relative_to</c>, <see cref="Compared"/> is the measured
/// mean. With it, the row's paper value is a difference from its reference row, so <see cref="Compared"/> is the
/// measured mean minus the reference's measured mean (row - reference: a decrease is negative); a reference row
/// compares as 0 and keeps its absolute mean in <see cref="Measured"/>.
/// </summary>
public sealed record PaperRowResult(PaperRow Row, MeasuredStats Measured)
{
    /// <summary>The label of the row this one is relative to (its own when it is a reference), if relative.</summary>
    public string? ReferenceLabel { get; init; }

    /// <summary>What the reference row measured (null when the paper's values are absolute).</summary>
    public MeasuredStats? Reference { get; init; }

    public bool IsReference { get; init; }

    public string Label => Row.Label;

    /// <summary>The paper's figure (a difference when relative), null when the paper gives none.</summary>
    public double? Paper => Row.Value;

    /// <summary>Byol's value on the paper's scale (a difference when relative), null when not measured.</summary>
    public double? Compared => Reference switch
    {
        null => Measured.Mean,
        _ when IsReference => Measured.Mean is null ? null : 0,
        { Mean: { } reference } when Measured.Mean is { } mean => mean - reference,
        _ => null,
    };
}
