using YamlDotNet.RepresentationModel;

namespace Byol.Contracts.Specs.Binding;

/// <summary>
/// The mapping that binds one record type: its members in declaration order. Binding reports unknown keys (with the
/// closest known one), binds the known ones in declaration order (so <c>both</c> applies before <c>view1</c>), and
/// reports required keys that are missing.
/// </summary>
internal sealed class Section<T>(params Member<T>[] members)
{
    private readonly Member<T>[] members = members;

    /// <summary>Runs after binding with the keys the YAML gave (for defaults that depend on other fields).</summary>
    public Func<T, IReadOnlySet<string>, T>? AfterBind { get; init; }

    public IEnumerable<string> Keys => members.Select(m => m.Key);

    public T Bind(T owner, YamlNode node, string path, Diagnostics errors)
    {
        if (YamlNodes.IsNull(node))
        {
            node = new YamlMappingNode();
        }

        if (node is not YamlMappingNode mapping)
        {
            errors.Add(path, $"expected a mapping, got {YamlNodes.Describe(node)}", node);
            return owner;
        }

        var given = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (members.Any(m => m.Key == key))
            {
                given[key] = value;
            }
            else
            {
                errors.Add(Diagnostics.Join(path, key), $"unknown key '{key}'" + Suggest.DidYouMean(key, Keys), keyNode);
            }
        }

        foreach (var member in members)
        {
            if (given.TryGetValue(member.Key, out var value))
            {
                owner = member.Bind(owner, value, Diagnostics.Join(path, member.Key), errors);
            }
            else if (member.IsRequired)
            {
                errors.Add(Diagnostics.Join(path, member.Key), "is required", mapping);
            }
        }

        return AfterBind is null ? owner : AfterBind(owner, given.Keys.ToHashSet());
    }

    public FieldRef<T>? Find(ReadOnlySpan<string> parts)
    {
        if (parts.Length == 0)
        {
            return null;
        }

        var key = parts[0];
        return members.FirstOrDefault(m => m.Key == key)?.Find(parts[1..]);
    }

    public IEnumerable<string> LeafKeys(string prefix) =>
        members.SelectMany(m => m.LeafKeys(Diagnostics.Join(prefix, m.Key)));
}
