using YamlDotNet.RepresentationModel;

namespace Byol.Contracts.Specs.Binding;

/// <summary>
/// <c>search.space</c>: an ordered mapping from a dotted spec key to its values. Each key must name a scalar field of
/// the spec (found through the same schema that binds the YAML) and each value must be valid for that field. A
/// variants axis (<c>augmentations: { variants: { full: {}, crop_only: { ... } } }</c>) has a name of its own and
/// sets several fields per value; a field it sets cannot also be an axis of its own.
/// </summary>
internal sealed class SpaceMember(string key, Func<SearchSpec, ValueList<SpaceAxis>, SearchSpec> set) : Member<SearchSpec>(key)
{
    private static readonly string[] DomainWords = ["choice", "uniform", "loguniform", "randint"];

    public override SearchSpec Bind(SearchSpec owner, YamlNode node, string path, Diagnostics errors)
    {
        if (YamlNodes.IsNull(node))
        {
            return set(owner, ValueList<SpaceAxis>.Empty);
        }

        if (node is not YamlMappingNode mapping)
        {
            errors.Add(path, $"expected a mapping of dotted keys to values, got {YamlNodes.Describe(node)}", node);
            return owner;
        }

        var axes = new List<SpaceAxis>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            var dotted = (keyNode as YamlScalarNode)?.Value ?? "";
            var axisPath = Diagnostics.Join(path, dotted);
            if (VariantsBody(value) is { } body)
            {
                if (VariantAxes.Bind(dotted, keyNode, body, axisPath, errors) is { } variants)
                {
                    axes.Add(new SpaceAxis(dotted, variants));
                }

                continue;
            }

            var field = SpecSchema.FindField(dotted);
            if (field is null)
            {
                var hint = dotted.StartsWith("search.", StringComparison.Ordinal) || dotted == "name"
                    ? " (the search and the name cannot be searched)"
                    : Suggest.DidYouMean(dotted, SpecSchema.SearchableKeys);
                errors.Add(axisPath, $"unknown field '{dotted}'" + hint, keyNode);
                continue;
            }

            if (BindDomain(field.Field, value, axisPath, errors) is { } domain)
            {
                axes.Add(new SpaceAxis(dotted, domain));
            }
        }

        VariantAxes.CheckOverlap(axes, path, errors);
        return set(owner, ValueList.From(axes));
    }

    private static YamlNode? VariantsBody(YamlNode node) =>
        node is YamlMappingNode { Children.Count: 1 } mapping
        && mapping.Children.Single().Key is YamlScalarNode { Value: "variants" }
            ? mapping.Children.Single().Value
            : null;

    public override FieldRef<SearchSpec>? Find(ReadOnlySpan<string> rest) => null;

    public override IEnumerable<string> LeafKeys(string prefix) => [];

    private static ParamDomain? BindDomain(IScalarField field, YamlNode node, string path, Diagnostics errors)
    {
        switch (node)
        {
            case YamlSequenceNode list:
                return Choice(field, list, path, errors);
            case YamlScalarNode:
                var error = field.ParseValue(node, out var single);
                if (error is not null)
                {
                    errors.Add(path, error, node);
                    return null;
                }

                return ParamDomain.Choice(single);
            case YamlMappingNode { Children.Count: 1 } mapping
                when mapping.Children.Single().Key is YamlScalarNode { Value: { } word } && DomainWords.Contains(word):
                var body = mapping.Children.Single().Value;
                var bodyPath = Diagnostics.Join(path, word);
                if (word == "choice")
                {
                    if (body is YamlSequenceNode choices)
                    {
                        return Choice(field, choices, bodyPath, errors);
                    }

                    errors.Add(bodyPath, $"expected a list of values, got {YamlNodes.Describe(body)}", body);
                    return null;
                }

                return Range(field, word, body, bodyPath, errors);
            default:
                errors.Add(path, "expected a list of values or one of { choice: [...] }, { uniform: [a, b] }, "
                                 + "{ loguniform: [a, b] }, { randint: [a, b] }", node);
                return null;
        }
    }

    private static ParamDomain? Choice(IScalarField field, YamlSequenceNode list, string path, Diagnostics errors)
    {
        if (list.Children.Count == 0)
        {
            errors.Add(path, "must list at least one value", list);
            return null;
        }

        var values = new List<ParamValue>();
        var ok = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var error = field.ParseValue(list.Children[i], out var value);
            if (error is not null)
            {
                errors.Add($"{path}[{i}]", error, list.Children[i]);
                ok = false;
            }
            else if (values.Contains(value))
            {
                errors.Add($"{path}[{i}]", $"duplicate value {value}", list.Children[i]);
                ok = false;
            }
            else
            {
                values.Add(value);
            }
        }

        return ok ? ParamDomain.Choice(values) : null;
    }

    private static ParamDomain? Range(IScalarField field, string word, YamlNode body, string path, Diagnostics errors)
    {
        var integer = word == "randint";
        if (integer ? !(field.IsInteger || field.IsReal) : !field.IsReal)
        {
            var use = field.IsInteger ? " (use randint or a list)" : " (use a list)";
            errors.Add(path, $"{word} draws {(integer ? "integers" : "real numbers")}, but the field takes {field.Expected}" + use, body);
            return null;
        }

        if (body is not YamlSequenceNode { Children.Count: 2 } pair)
        {
            errors.Add(path, $"expected [low, high], got {YamlNodes.Describe(body)}", body);
            return null;
        }

        var bounds = new double[2];
        var ok = true;
        for (var i = 0; i < 2; i++)
        {
            var item = pair.Children[i];
            var text = (item as YamlScalarNode)?.Value ?? "";
            if (!ScalarTypes.TryParseReal(text, out bounds[i]) || (integer && bounds[i] != Math.Floor(bounds[i])))
            {
                errors.Add($"{path}[{i}]", $"expected {(integer ? "an integer" : "a number")}, got {YamlNodes.Describe(item)}", item);
                ok = false;
                continue;
            }

            var bound = integer ? ParamValue.Of((long)bounds[i]) : ParamValue.Of(bounds[i]);
            if (field.Normalize(bound, out _) is { } error)
            {
                errors.Add($"{path}[{i}]", error, item);
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var (low, high) = (bounds[0], bounds[1]);
        if (integer ? low > high : low >= high)
        {
            errors.Add(path, $"low must be {(integer ? "<=" : "<")} high (got [{low}, {high}])", body);
            return null;
        }

        if (word == "loguniform" && low <= 0)
        {
            errors.Add(path, $"loguniform needs low > 0 (got {low})", body);
            return null;
        }

        return word switch
        {
            "uniform" => ParamDomain.Uniform(low, high),
            "loguniform" => ParamDomain.LogUniform(low, high),
            _ => ParamDomain.RandInt((long)low, (long)high),
        };
    }
}
