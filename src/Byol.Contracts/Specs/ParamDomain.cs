using System.Globalization;

namespace Byol.Contracts.Specs;

/// <summary>
/// How a search axis draws values: a YAML list or <c>{ choice: [...] }</c>, <c>{ uniform: [a, b] }</c>,
/// <c>{ loguniform: [a, b] }</c> (a &gt; 0) or <c>{ randint: [a, b] }</c> (both ends included).
/// </summary>
public enum DomainKind { Choice, Uniform, LogUniform, RandInt }

/// <summary>The values one search axis ranges over.</summary>
[GenerateSerializer, Alias("byol.param_domain"), Immutable]
public sealed record ParamDomain
{
    [Id(0)] public DomainKind Kind { get; init; }

    /// <summary>The values of a choice, already typed for their field.</summary>
    [Id(1)] public ValueList<ParamValue> Choices { get; init; } = ValueList<ParamValue>.Empty;

    /// <summary>Lower bound of uniform, loguniform and randint.</summary>
    [Id(2)] public double Low { get; init; }

    /// <summary>Upper bound of uniform, loguniform and randint (included for randint).</summary>
    [Id(3)] public double High { get; init; }

    public static ParamDomain Choice(params IEnumerable<ParamValue> values) =>
        new() { Kind = DomainKind.Choice, Choices = ValueList.From(values) };

    public static ParamDomain Uniform(double low, double high) => new() { Kind = DomainKind.Uniform, Low = low, High = high };

    public static ParamDomain LogUniform(double low, double high) =>
        new() { Kind = DomainKind.LogUniform, Low = low, High = high };

    public static ParamDomain RandInt(long low, long high) => new() { Kind = DomainKind.RandInt, Low = low, High = high };

    /// <summary>True for distributions that are sampled (everything but a choice).</summary>
    public bool IsSampled => Kind != DomainKind.Choice;

    public override string ToString() => Kind switch
    {
        DomainKind.Choice => Choices.ToString(),
        DomainKind.RandInt => $"randint[{(long)Low}, {(long)High}]",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"{(Kind == DomainKind.Uniform ? "uniform" : "loguniform")}[{ParamValue.FormatReal(Low)}, {ParamValue.FormatReal(High)}]"),
    };
}

/// <summary>One search axis: a dotted spec key (<c>train.tau_base</c>) and its domain.</summary>
[GenerateSerializer, Alias("byol.space_axis"), Immutable]
public sealed record SpaceAxis(
    [property: Id(0)] string Key,
    [property: Id(1)] ParamDomain Domain);
