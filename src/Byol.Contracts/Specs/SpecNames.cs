using System.Collections.Concurrent;
using System.Reflection;

namespace Byol.Contracts.Specs;

/// <summary>Maps the spec's enums to and from their YAML names (<see cref="SpecNameAttribute"/>).</summary>
public static class SpecNames
{
    private static readonly ConcurrentDictionary<Type, (string Name, object Value)[]> Tables = new();

    /// <summary>The YAML name of an enum value, e.g. <c>resnet18-cifar</c>.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        foreach (var (name, v) in Table(typeof(TEnum)))
        {
            if (v.Equals(value))
            {
                return name;
            }
        }

        return value.ToString().ToLowerInvariant();
    }

    /// <summary>Every YAML name of an enum, in declaration order.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum =>
        Table(typeof(TEnum)).Select(e => e.Name).ToArray();

    /// <summary>Parses a YAML name (case-insensitive).</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var (name, v) in Table(typeof(TEnum)))
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = (TEnum)v;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static (string Name, object Value)[] Table(Type type) =>
        Tables.GetOrAdd(type, t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.GetCustomAttribute<SpecNameAttribute>()?.Name ?? f.Name.ToLowerInvariant(), f.GetValue(null)!))
            .ToArray());
}
