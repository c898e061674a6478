using System.Globalization;

namespace Byol.Contracts.Specs.Binding;

/// <summary>
/// Range rules of single fields, checked on the field's value as a <see cref="ParamValue"/> (so that search-space
/// values are checked by the very same rule). Each returns null when the value is fine, else the message.
/// </summary>
internal static class Rules
{
    public static Func<ParamValue, string?> Positive { get; } =
        v => v.AsDouble > 0 ? null : $"must be > 0 (got {v})";

    public static Func<ParamValue, string?> NonNegative { get; } =
        v => v.AsDouble >= 0 ? null : $"must be >= 0 (got {v})";

    /// <summary>A probability: in [0, 1].</summary>
    public static Func<ParamValue, string?> Probability { get; } = Between(0, 1);

    public static Func<ParamValue, string?> Between(double low, double high) =>
        v => v.AsDouble >= low && v.AsDouble <= high ? null : $"must be in [{F(low)}, {F(high)}] (got {v})";

    /// <summary>In (low, high].</summary>
    public static Func<ParamValue, string?> Above(double low, double high) =>
        v => v.AsDouble > low && v.AsDouble <= high ? null : $"must be in ({F(low)}, {F(high)}] (got {v})";

    /// <summary>In [low, high).</summary>
    public static Func<ParamValue, string?> Below(double low, double high) =>
        v => v.AsDouble >= low && v.AsDouble < high ? null : $"must be in [{F(low)}, {F(high)}) (got {v})";

    public static Func<ParamValue, string?> AtLeast(long min) =>
        v => v.AsDouble >= min ? null : $"must be >= {min} (got {v})";

    public static Func<ParamValue, string?> OneOf(params long[] allowed) =>
        v => allowed.Any(a => a == v.AsDouble) ? null : $"must be one of {string.Join(", ", allowed)} (got {v})";

    public static Func<ParamValue, string?> NotEmpty { get; } =
        v => string.IsNullOrWhiteSpace(v.Text) ? "must not be empty" : null;

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
