using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Byol.Contracts.Specs;

/// <summary>
/// The parameters of one trial: an ordered dictionary (search-space order) from dotted key to value, with value
/// equality.
/// </summary>
[GenerateSerializer, Alias("byol.param_map"), Immutable]
public sealed class ParamMap : IReadOnlyDictionary<string, ParamValue>, IEquatable<ParamMap>
{
    [Id(0)] private readonly string[] keys;
    [Id(1)] private readonly ParamValue[] values;

    public ParamMap(IEnumerable<KeyValuePair<string, ParamValue>> entries)
    {
        var list = entries.ToList();
        keys = list.Select(e => e.Key).ToArray();
        values = list.Select(e => e.Value).ToArray();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Length)
        {
            throw new ArgumentException("Parameter keys must be distinct.", nameof(entries));
        }
    }

    public static ParamMap Empty { get; } = new([]);

    /// <summary>Keeps a ParamMap as is; copies any other dictionary (in its enumeration order).</summary>
    public static ParamMap From(IReadOnlyDictionary<string, ParamValue> entries) => entries as ParamMap ?? new(entries);

    public int Count => keys.Length;

    public IEnumerable<string> Keys => keys;

    public IEnumerable<ParamValue> Values => values;

    public ParamValue this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No parameter '{key}'.");

    public bool ContainsKey(string key) => Array.IndexOf(keys, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ParamValue value)
    {
        var index = Array.IndexOf(keys, key);
        value = index >= 0 ? values[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, ParamValue>> GetEnumerator() =>
        keys.Select((k, i) => KeyValuePair.Create(k, values[i])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ParamMap? other) =>
        other is not null && keys.SequenceEqual(other.keys) && values.SequenceEqual(other.values);

    public override bool Equals(object? obj) => Equals(obj as ParamMap);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < keys.Length; i++)
        {
            hash.Add(keys[i]);
            hash.Add(values[i]);
        }

        return hash.ToHashCode();
    }

    /// <summary><c>train.tau_base=0.99 train.optimizer.name=sgd</c>.</summary>
    public override string ToString() => string.Join(" ", keys.Select((k, i) => $"{k}={values[i]}"));
}
