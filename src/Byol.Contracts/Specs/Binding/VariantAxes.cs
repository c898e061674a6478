using YamlDotNet.RepresentationModel;

namespace Byol.Contracts.Specs.Binding;

/// <summary>
/// Binds a variants axis of <c>search.space</c>: <c>name: { variants: { v1: { dotted.key: value, ... }, v2: {} } }</c>.
/// The axis name is not a field; each variant sets fields that the schema knows, with values valid for them.
/// </summary>
internal static class VariantAxes
{
    public static ParamDomain? Bind(string name, YamlNode nameNode, YamlNode body, string axisPath, Diagnostics errors)
    {
        if (name.Length == 0 || name.Contains('.', StringComparison.Ordinal) || SpecSchema.FindField(name) is not null)
        {
            errors.Add(axisPath, $"a variants axis needs a name of its own, without dots, that is not a spec field (got '{name}')", nameNode);
            return null;
        }

        var path = Diagnostics.Join(axisPath, "variants");
        if (body is not YamlMappingNode { Children.Count: > 0 } mapping)
        {
            errors.Add(path, $"expected a mapping of variant names to the fields each sets, got {YamlNodes.Describe(body)}", body);
            return null;
        }

        var variants = new List<ParamVariant>();
        var ok = true;
        foreach (var (variantKey, settingsNode) in mapping.Children)
        {
            var variantName = (variantKey as YamlScalarNode)?.Value ?? "";
            var settings = Settings(settingsNode, Diagnostics.Join(path, variantName), errors);
            if (settings is null)
            {
                ok = false;
                continue;
            }

            variants.Add(new ParamVariant(variantName, settings));
        }

        return ok ? ParamDomain.OfVariants(variants) : null;
    }

    /// <summary>A field set by a variant cannot also be an axis, nor be set by another variants axis.</summary>
    public static void CheckOverlap(IReadOnlyList<SpaceAxis> axes, string path, Diagnostics errors)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var axis in axes.Where(a => a.Domain.Kind != DomainKind.Variants))
        {
            owners[axis.Key] = $"axis '{axis.Key}'";
        }

        foreach (var axis in axes.Where(a => a.Domain.Kind == DomainKind.Variants))
        {
            foreach (var key in axis.Domain.Variants.SelectMany(v => v.Settings.Keys).Distinct(StringComparer.Ordinal))
            {
                if (owners.TryGetValue(key, out var owner))
                {
                    errors.Add(Diagnostics.Join(path, axis.Key), $"sets '{key}', which {owner} also sets");
                }
                else
                {
                    owners[key] = $"variants axis '{axis.Key}'";
                }
            }
        }
    }

    private static ParamMap? Settings(YamlNode node, string path, Diagnostics errors)
    {
        if (YamlNodes.IsNull(node))
        {
            return ParamMap.Empty;
        }

        if (node is not YamlMappingNode mapping)
        {
            errors.Add(path, $"expected a mapping of dotted keys to values, got {YamlNodes.Describe(node)}", node);
            return null;
        }

        var values = new List<KeyValuePair<string, ParamValue>>();
        var ok = true;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var dotted = (keyNode as YamlScalarNode)?.Value ?? "";
            var keyPath = Diagnostics.Join(path, dotted);
            var field = SpecSchema.FindField(dotted);
            if (field is null)
            {
                errors.Add(keyPath, $"unknown field '{dotted}'" + Suggest.DidYouMean(dotted, SpecSchema.SearchableKeys), keyNode);
                ok = false;
            }
            else if (field.Field.ParseValue(valueNode, out var value) is { } error)
            {
                errors.Add(keyPath, error, valueNode);
                ok = false;
            }
            else
            {
                values.Add(KeyValuePair.Create(dotted, value));
            }
        }

        return ok ? new ParamMap(values) : null;
    }
}
