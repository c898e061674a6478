using YamlDotNet.RepresentationModel;

namespace Byol.Contracts.Specs.Binding;

/// <summary>
/// The spec's <c>paper:</c> block: <c>{ source, claim, setting, metric, relative_to: { axis: value }, rows: [ { label,
/// match: { axis: value, ... }, value } ] }</c>. Match keys must be axes of the search space (bound before this
/// block), and their values values of those axes, so that every row names trials the sweep runs.
/// </summary>
internal sealed class PaperMember() : Member<SweepSpec>("paper")
{
    private static readonly string[] Keys = ["source", "claim", "setting", "metric", "relative_to", "rows"];
    private static readonly string[] RowKeys = ["label", "match", "value"];

    public override SweepSpec Bind(SweepSpec owner, YamlNode node, string path, Diagnostics errors)
    {
        if (YamlNodes.IsNull(node))
        {
            return owner with { Paper = null };
        }

        if (node is not YamlMappingNode mapping)
        {
            errors.Add(path, $"expected a mapping, got {YamlNodes.Describe(node)}", node);
            return owner;
        }

        var paper = new PaperReference();
        var space = owner.Search.Space;
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var keyPath = Diagnostics.Join(path, key);
            switch (key)
            {
                case "source":
                    paper = paper with { Source = Text(value, keyPath, errors) };
                    break;
                case "claim":
                    paper = paper with { Claim = Text(value, keyPath, errors) };
                    break;
                case "setting":
                    paper = paper with { Setting = Text(value, keyPath, errors) };
                    break;
                case "metric":
                    var error = ScalarTypes.Enum<ObjectiveMetric>().Parse((value as YamlScalarNode)?.Value ?? "", out var metric);
                    if (error is null)
                        paper = paper with { Metric = metric };
                    else
                        errors.Add(keyPath, error, value);
                    break;
                case "relative_to":
                    paper = paper with { RelativeTo = Match(value, space, keyPath, errors) };
                    break;
                case "rows":
                    paper = paper with { Rows = Rows(value, space, keyPath, errors) };
                    break;
                default:
                    errors.Add(keyPath, $"unknown key '{key}'" + Suggest.DidYouMean(key, Keys), keyNode);
                    break;
            }
        }

        if (paper.Rows.Count == 0 && errors.Errors.All(e => !e.Path.StartsWith(path, StringComparison.Ordinal)))
        {
            errors.Add(Diagnostics.Join(path, "rows"), "must list at least one row", mapping);
        }

        return owner with { Paper = paper };
    }

    public override FieldRef<SweepSpec>? Find(ReadOnlySpan<string> rest) => null;

    public override IEnumerable<string> LeafKeys(string prefix) => [];

    private static string Text(YamlNode node, string path, Diagnostics errors)
    {
        if (node is YamlScalarNode { Value: { } text } && !YamlNodes.IsNull(node))
        {
            return text;
        }

        errors.Add(path, $"expected a string, got {YamlNodes.Describe(node)}", node);
        return "";
    }

    private static ValueList<PaperRow> Rows(YamlNode node, IReadOnlyList<SpaceAxis> space, string path, Diagnostics errors)
    {
        if (node is not YamlSequenceNode list)
        {
            errors.Add(path, $"expected a list of rows, got {YamlNodes.Describe(node)}", node);
            return ValueList<PaperRow>.Empty;
        }

        var rows = new List<PaperRow>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var rowPath = $"{path}[{i}]";
            if (list.Children[i] is not YamlMappingNode row)
            {
                errors.Add(rowPath, $"expected a mapping {{ label, match, value }}, got {YamlNodes.Describe(list.Children[i])}", list.Children[i]);
                continue;
            }

            var paperRow = new PaperRow();
            foreach (var (keyNode, value) in row.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                var keyPath = Diagnostics.Join(rowPath, key);
                switch (key)
                {
                    case "label":
                        paperRow = paperRow with { Label = Text(value, keyPath, errors) };
                        break;
                    case "match":
                        paperRow = paperRow with { Match = Match(value, space, keyPath, errors) };
                        break;
                    case "value" when YamlNodes.IsNull(value):
                        break;
                    case "value":
                        if (value is YamlScalarNode { Value: { } text } && ScalarTypes.TryParseReal(text, out var figure))
                            paperRow = paperRow with { Value = figure };
                        else
                            errors.Add(keyPath, $"expected a number or nothing, got {YamlNodes.Describe(value)}", value);
                        break;
                    default:
                        errors.Add(keyPath, $"unknown key '{key}'" + Suggest.DidYouMean(key, RowKeys), keyNode);
                        break;
                }
            }

            if (paperRow.Match.Count == 0)
            {
                errors.Add(Diagnostics.Join(rowPath, "match"), "is required: the search-space values of the trials this row stands for", row);
            }

            rows.Add(paperRow.Label.Length > 0 ? paperRow : paperRow with { Label = paperRow.Match.ToString() });
        }

        return ValueList.From(rows);
    }

    /// <summary>A mapping of search-space axes to one of their values, typed as the axis types them.</summary>
    private static ParamMap Match(YamlNode node, IReadOnlyList<SpaceAxis> space, string path, Diagnostics errors)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(path, $"expected a mapping of search-space axes to values, got {YamlNodes.Describe(node)}", node);
            return ParamMap.Empty;
        }

        var values = new List<KeyValuePair<string, ParamValue>>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var keyPath = Diagnostics.Join(path, key);
            var axis = space.FirstOrDefault(a => a.Key == key);
            if (axis is null)
            {
                errors.Add(keyPath, $"'{key}' is not an axis of search.space" + Suggest.DidYouMean(key, space.Select(a => a.Key)), keyNode);
                continue;
            }

            if (AxisValue(axis, valueNode, out var value) is { } error)
            {
                errors.Add(keyPath, error, valueNode);
                continue;
            }

            values.Add(KeyValuePair.Create(key, value));
        }

        return new ParamMap(values);
    }

    private static string? AxisValue(SpaceAxis axis, YamlNode node, out ParamValue value)
    {
        value = ParamValue.Of("");
        if (axis.Domain.Kind == DomainKind.Variants)
        {
            var name = (node as YamlScalarNode)?.Value ?? "";
            value = ParamValue.Of(name);
            return axis.Domain.Variant(name) is null ? $"'{name}' is not a variant of '{axis.Key}' (expected one of {string.Join(", ", axis.Domain.Choices)})" : null;
        }

        var field = SpecSchema.FindField(axis.Key)!.Field;
        if (field.ParseValue(node, out value) is { } error)
        {
            return error;
        }

        var typed = value;
        return axis.Domain.IsSampled || axis.Domain.Choices.Contains(typed)
            ? null
            : $"{typed} is not among the axis's values {axis.Domain.Choices}";
    }
}
