using YamlDotNet.RepresentationModel;

namespace Byol.Contracts.Specs.Binding;

/// <summary>A scalar member: its type, its getter and <c>with</c>-setter, and its range rules.</summary>
internal sealed class Scalar<TOwner, TValue>(
    string key,
    ScalarType<TValue> type,
    Func<TOwner, TValue, TOwner> set,
    params Func<ParamValue, string?>[] rules) : Member<TOwner>(key), IScalarField
{
    public string Expected => type.Expected;

    public bool IsReal => typeof(TValue) == typeof(double);

    public bool IsInteger => typeof(TValue) == typeof(int) || typeof(TValue) == typeof(int?);

    public override TOwner Bind(TOwner owner, YamlNode node, string path, Diagnostics errors)
    {
        if (type.AllowsNull && YamlNodes.IsNull(node))
        {
            return set(owner, default!);
        }

        if (node is not YamlScalarNode scalar || YamlNodes.IsNull(node))
        {
            errors.Add(path, $"expected {type.Expected}, got {YamlNodes.Describe(node)}", node);
            return owner;
        }

        var error = type.Parse(scalar.Value ?? "", out var value) ?? Check(type.ToParam(value));
        if (error is not null)
        {
            errors.Add(path, error, node);
            return owner;
        }

        return set(owner, value);
    }

    public override FieldRef<TOwner>? Find(ReadOnlySpan<string> rest) =>
        rest.Length == 0 ? new FieldRef<TOwner>(this, Apply) : null;

    public override IEnumerable<string> LeafKeys(string prefix) => [prefix];

    public string? ParseValue(YamlNode node, out ParamValue value)
    {
        value = ParamValue.Of(0L);
        if (node is not YamlScalarNode scalar || YamlNodes.IsNull(node))
        {
            return $"expected {type.Expected}, got {YamlNodes.Describe(node)}";
        }

        var error = type.Parse(scalar.Value ?? "", out var typed);
        if (error is not null)
        {
            return error;
        }

        value = type.ToParam(typed) ?? value;
        return Check(value);
    }

    public string? Normalize(ParamValue raw, out ParamValue value)
    {
        value = raw;
        if (!type.FromParam(raw, out var typed))
        {
            return $"expected {type.Expected}, got '{raw}'";
        }

        value = type.ToParam(typed) ?? raw;
        return Check(value);
    }

    private TOwner Apply(TOwner owner, ParamValue raw)
    {
        if (!type.FromParam(raw, out var typed))
        {
            throw new ArgumentException($"expected {type.Expected}, got '{raw}'", nameof(raw));
        }

        return set(owner, typed);
    }

    private string? Check(ParamValue? value) =>
        value is null ? null : rules.Select(rule => rule(value)).FirstOrDefault(message => message is not null);
}
