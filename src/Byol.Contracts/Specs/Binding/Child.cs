using YamlDotNet.RepresentationModel;

namespace Byol.Contracts.Specs.Binding;

/// <summary>
/// A nested record bound by its own <see cref="Section{T}"/>. Optional scalar shorthands stand for a whole value:
/// <c>views: paper</c>, <c>predictor: none</c>.
/// </summary>
internal sealed class Child<TOwner, TChild>(
    string key,
    Func<TOwner, TChild> get,
    Func<TOwner, TChild, TOwner> set,
    Section<TChild> section) : Member<TOwner>(key)
{
    /// <summary>Scalar words accepted instead of a mapping, each with the value it gives.</summary>
    public IReadOnlyDictionary<string, Func<TChild, TChild>> Shorthands { get; init; } =
        new Dictionary<string, Func<TChild, TChild>>();

    public override TOwner Bind(TOwner owner, YamlNode node, string path, Diagnostics errors)
    {
        if (node is YamlScalarNode scalar && !YamlNodes.IsNull(node) && Shorthands.Count > 0)
        {
            var word = scalar.Value ?? "";
            if (Shorthands.TryGetValue(word.Trim().ToLowerInvariant(), out var value))
            {
                return set(owner, value(get(owner)));
            }

            var words = string.Join(" or ", Shorthands.Keys.Select(k => $"'{k}'"));
            errors.Add(path, $"expected a mapping or {words}, got '{word}'", node);
            return owner;
        }

        return set(owner, section.Bind(get(owner), node, path, errors));
    }

    public override FieldRef<TOwner>? Find(ReadOnlySpan<string> rest) => section.Find(rest)?.Lift(get, set);

    public override IEnumerable<string> LeafKeys(string prefix) => section.LeafKeys(prefix);
}

/// <summary>
/// A key whose fields apply to several nested records at once: <c>views.both</c> sets a field of view1 and view2.
/// </summary>
internal sealed class Fanout<TOwner, TChild>(
    string key,
    Section<TChild> section,
    params (Func<TOwner, TChild> Get, Func<TOwner, TChild, TOwner> Set)[] targets) : Member<TOwner>(key)
{
    public override TOwner Bind(TOwner owner, YamlNode node, string path, Diagnostics errors)
    {
        for (var i = 0; i < targets.Length; i++)
        {
            var (get, set) = targets[i];
            owner = set(owner, section.Bind(get(owner), node, path, i == 0 ? errors : new Diagnostics()));
        }

        return owner;
    }

    public override FieldRef<TOwner>? Find(ReadOnlySpan<string> rest)
    {
        var leaf = section.Find(rest);
        if (leaf is null)
        {
            return null;
        }

        return new FieldRef<TOwner>(leaf.Field, (owner, value) =>
        {
            foreach (var (get, set) in targets)
            {
                owner = set(owner, leaf.Apply(get(owner), value));
            }

            return owner;
        });
    }

    /// <summary>Not listed: every field is reachable through the single targets, and suggestions stay short.</summary>
    public override IEnumerable<string> LeafKeys(string prefix) => [];
}

/// <summary>A list of integers (<c>search.seeds</c>); a single integer is a list of one. Not searchable.</summary>
internal sealed class IntList<TOwner>(string key, Func<TOwner, ValueList<int>, TOwner> set) : Member<TOwner>(key)
{
    public override TOwner Bind(TOwner owner, YamlNode node, string path, Diagnostics errors)
    {
        var items = node switch
        {
            YamlSequenceNode sequence => sequence.Children.ToList(),
            YamlScalarNode when !YamlNodes.IsNull(node) => [node],
            _ => null,
        };
        if (items is null)
        {
            errors.Add(path, $"expected a list of integers, got {YamlNodes.Describe(node)}", node);
            return owner;
        }

        if (items.Count == 0)
        {
            errors.Add(path, "must list at least one value", node);
            return owner;
        }

        var values = new List<int>();
        var before = errors.Count;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var value = 0;
            var error = item is YamlScalarNode s && !YamlNodes.IsNull(item)
                ? ScalarTypes.Int.Parse(s.Value ?? "", out value)
                : $"expected an integer, got {YamlNodes.Describe(item)}";
            if (error is not null)
            {
                errors.Add($"{path}[{i}]", error, item);
            }
            else if (values.Contains(value))
            {
                errors.Add($"{path}[{i}]", $"duplicate value {value}", item);
            }
            else
            {
                values.Add(value);
            }
        }

        return errors.Count == before ? set(owner, ValueList.From(values)) : owner;
    }

    public override FieldRef<TOwner>? Find(ReadOnlySpan<string> rest) => null;

    public override IEnumerable<string> LeafKeys(string prefix) => [];
}
