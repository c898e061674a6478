using System.Globalization;

namespace Byol.Contracts.Specs;

/// <summary>
/// How a search axis draws values: a YAML list or <c>{ choice: [...] }</c>, <c>{ uniform: [a, b] }</c>,
/// <c>{ loguniform: [a, b] }</c> (a &gt; 0) or <c>{ randint: [a, b] }</c> (both ends included), or
/// <c>{ variants: { name: { dotted.key: value, ... }, ... } }</c>: named settings of several fields at once.
/// </summary>
public enum DomainKind { Choice, Uniform, LogUniform, RandInt, Variants }

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

    /// <summary>The named settings of a variants axis; <see cref="Choices"/> holds their names.</summary>
    [Id(4)] public ValueList<ParamVariant> Variants { get; init; } = ValueList<ParamVariant>.Empty;

    public static ParamDomain Choice(params IEnumerable<ParamValue> values) =>
        new() { Kind = DomainKind.Choice, Choices = ValueList.From(values) };

    public static ParamDomain OfVariants(params IEnumerable<ParamVariant> variants)
    {
        var list = ValueList.From(variants);
        return new() { Kind = DomainKind.Variants, Variants = list, Choices = ValueList.From(list.Select(v => ParamValue.Of(v.Name))) };
    }

    /// <summary>The variant called <paramref name="name"/>, or null.</summary>
    public ParamVariant? Variant(string name) => Variants.FirstOrDefault(v => v.Name == name);

    public static ParamDomain Uniform(double low, double high) => new() { Kind = DomainKind.Uniform, Low = low, High = high };

    public static ParamDomain LogUniform(double low, double high) =>
        new() { Kind = DomainKind.LogUniform, Low = low, High = high };

    public static ParamDomain RandInt(long low, long high) => new() { Kind = DomainKind.RandInt, Low = low, High = high };

    /// <summary>True for distributions that are sampled (everything but a choice or variants).</summary>
    public bool IsSampled => Kind is not (DomainKind.Choice or DomainKind.Variants);

    public override string ToString() => Kind switch
    {
        DomainKind.Choice => Choices.ToString(),
        DomainKind.Variants => "variants " + Choices,
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

/// <summary>
/// One named setting of a variants axis: the fields it sets (<c>crop_only: { train.views.both.jitter_p: 0.0, ... }</c>).
/// A trial's parameters hold the axis name and the variant's name; resolving the trial applies the settings.
/// </summary>
[GenerateSerializer, Alias("byol.param_variant"), Immutable]
public sealed record ParamVariant(
    [property: Id(0)] string Name,
    [property: Id(1)] ParamMap Settings);
