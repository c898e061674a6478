using System.Globalization;

namespace Byol.Contracts.Specs;

public enum ParamKind { Real, Integer, Bool, Text }

/// <summary>One hyperparameter value: a double, a long, a bool or a string (enum values travel as their YAML name).</summary>
[GenerateSerializer, Alias("byol.param_value"), Immutable]
public sealed record ParamValue
{
    [Id(0)] public ParamKind Kind { get; init; }
    [Id(1)] public double Real { get; init; }
    [Id(2)] public long Integer { get; init; }
    [Id(3)] public bool Bool { get; init; }
    [Id(4)] public string? Text { get; init; }

    public static ParamValue Of(double value) => new() { Kind = ParamKind.Real, Real = value };

    public static ParamValue Of(long value) => new() { Kind = ParamKind.Integer, Integer = value };

    public static ParamValue Of(bool value) => new() { Kind = ParamKind.Bool, Bool = value };

    public static ParamValue Of(string value) => new() { Kind = ParamKind.Text, Text = value };

    public static implicit operator ParamValue(double value) => Of(value);

    public static implicit operator ParamValue(long value) => Of(value);

    public static implicit operator ParamValue(int value) => Of((long)value);

    public static implicit operator ParamValue(bool value) => Of(value);

    public static implicit operator ParamValue(string value) => Of(value);

    /// <summary>True for reals and integers.</summary>
    public bool IsNumber => Kind is ParamKind.Real or ParamKind.Integer;

    /// <summary>The numeric value of a real or an integer (NaN otherwise).</summary>
    public double AsDouble => Kind switch
    {
        ParamKind.Real => Real,
        ParamKind.Integer => Integer,
        _ => double.NaN,
    };

    /// <summary>Display form: <c>0.996</c>, <c>1.0</c>, <c>256</c>, <c>true</c>, <c>lars</c>.</summary>
    public override string ToString() => Kind switch
    {
        ParamKind.Real => FormatReal(Real),
        ParamKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        ParamKind.Bool => Bool ? "true" : "false",
        _ => Text ?? "",
    };

    internal static string FormatReal(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        return double.IsFinite(value) && value == Math.Floor(value) && !text.Contains('e', StringComparison.Ordinal)
            ? text + ".0"
            : text;
    }
}
