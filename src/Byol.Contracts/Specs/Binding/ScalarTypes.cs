using System.Globalization;

namespace Byol.Contracts.Specs.Binding;

/// <summary>
/// How one kind of scalar field reads YAML text and search values, and turns its value back into a
/// <see cref="ParamValue"/>.
/// </summary>
internal abstract class ScalarType<TValue>
{
    /// <summary>"a number", "an integer", ...: completes "expected ...".</summary>
    public abstract string Expected { get; }

    /// <summary>Whether YAML null is a value of this type (optional fields).</summary>
    public virtual bool AllowsNull => false;

    /// <summary>Parses YAML scalar text; returns the error message, or null on success.</summary>
    public abstract string? Parse(string text, out TValue value);

    /// <summary>Converts a search value; false when its kind does not fit.</summary>
    public abstract bool FromParam(ParamValue param, out TValue value);

    /// <summary>The value as a parameter; null for a null value.</summary>
    public abstract ParamValue? ToParam(TValue value);

    protected string Got(string text) => $"expected {Expected}, got '{text}'";
}

internal static class ScalarTypes
{
    public static ScalarType<double> Real { get; } = new RealType();
    public static ScalarType<int> Int { get; } = new IntType();
    public static ScalarType<int?> OptionalInt { get; } = new OptionalIntType();
    public static ScalarType<bool> Bool { get; } = new BoolType();
    public static ScalarType<string> Text { get; } = new TextType();
    public static ScalarType<string?> OptionalText { get; } = new OptionalTextType();

    public static ScalarType<TEnum> Enum<TEnum>() where TEnum : struct, Enum => new EnumType<TEnum>();

    internal static bool TryParseReal(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private sealed class RealType : ScalarType<double>
    {
        public override string Expected => "a number";

        public override string? Parse(string text, out double value) => TryParseReal(text, out value) ? null : Got(text);

        public override bool FromParam(ParamValue param, out double value)
        {
            value = param.AsDouble;
            return param.IsNumber;
        }

        public override ParamValue? ToParam(double value) => ParamValue.Of(value);
    }

    private sealed class IntType : ScalarType<int>
    {
        public override string Expected => "an integer";

        public override string? Parse(string text, out int value)
        {
            value = 0;
            if (!TryParseReal(text, out var real) || real != Math.Floor(real))
            {
                return Got(text);
            }

            if (real is < int.MinValue or > int.MaxValue)
            {
                return $"{text} is out of range for an integer";
            }

            value = (int)real;
            return null;
        }

        public override bool FromParam(ParamValue param, out int value)
        {
            var real = param.AsDouble;
            value = param.IsNumber && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue ? (int)real : 0;
            return param.IsNumber && real == value;
        }

        public override ParamValue? ToParam(int value) => ParamValue.Of((long)value);
    }

    private sealed class OptionalIntType : ScalarType<int?>
    {
        public override string Expected => Int.Expected;

        public override bool AllowsNull => true;

        public override string? Parse(string text, out int? value)
        {
            var error = Int.Parse(text, out var v);
            value = v;
            return error;
        }

        public override bool FromParam(ParamValue param, out int? value)
        {
            var ok = Int.FromParam(param, out var v);
            value = v;
            return ok;
        }

        public override ParamValue? ToParam(int? value) => value is { } v ? ParamValue.Of((long)v) : null;
    }

    private sealed class BoolType : ScalarType<bool>
    {
        public override string Expected => "true or false";

        public override string? Parse(string text, out bool value)
        {
            value = false;
            switch (text.Trim().ToLowerInvariant())
            {
                case "true" or "yes" or "on":
                    value = true;
                    return null;
                case "false" or "no" or "off":
                    return null;
                default:
                    return Got(text);
            }
        }

        public override bool FromParam(ParamValue param, out bool value)
        {
            value = param.Bool;
            return param.Kind == ParamKind.Bool;
        }

        public override ParamValue? ToParam(bool value) => ParamValue.Of(value);
    }

    private sealed class TextType : ScalarType<string>
    {
        public override string Expected => "a string";

        public override string? Parse(string text, out string value)
        {
            value = text;
            return null;
        }

        public override bool FromParam(ParamValue param, out string value)
        {
            value = param.Text ?? "";
            return param.Kind == ParamKind.Text;
        }

        public override ParamValue? ToParam(string value) => ParamValue.Of(value);
    }

    private sealed class OptionalTextType : ScalarType<string?>
    {
        public override string Expected => "a string";

        public override bool AllowsNull => true;

        public override string? Parse(string text, out string? value)
        {
            value = text;
            return null;
        }

        public override bool FromParam(ParamValue param, out string? value)
        {
            value = param.Text;
            return param.Kind == ParamKind.Text;
        }

        public override ParamValue? ToParam(string? value) => value is null ? null : ParamValue.Of(value);
    }

    private sealed class EnumType<TEnum> : ScalarType<TEnum> where TEnum : struct, Enum
    {
        public override string Expected => "one of " + string.Join(", ", SpecNames.All<TEnum>());

        public override string? Parse(string text, out TEnum value)
        {
            if (SpecNames.TryParse(text, out value))
            {
                return null;
            }

            var close = Suggest.Closest(text, SpecNames.All<TEnum>());
            return $"unknown value '{text}' (expected {Expected})" + (close is null ? "" : $"; did you mean '{close}'?");
        }

        public override bool FromParam(ParamValue param, out TEnum value)
        {
            value = default;
            return param.Kind == ParamKind.Text && SpecNames.TryParse(param.Text!, out value);
        }

        public override ParamValue? ToParam(TEnum value) => ParamValue.Of(SpecNames.Of(value));
    }
}
