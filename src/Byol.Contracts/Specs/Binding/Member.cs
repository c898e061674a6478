using YamlDotNet.RepresentationModel;

namespace Byol.Contracts.Specs.Binding;

/// <summary>
/// One key of a YAML mapping bound to a member of the record <typeparamref name="TOwner"/>. The same table of
/// members binds YAML, finds the field a dotted search key names, and applies a trial's value to it.
/// </summary>
internal abstract class Member<TOwner>(string key)
{
    public string Key { get; } = key;

    public bool IsRequired { get; private set; }

    /// <summary>Marks this member as one the YAML must give; returns it (the schema is built once, then read).</summary>
    public Member<TOwner> Required()
    {
        IsRequired = true;
        return this;
    }

    /// <summary>Binds <paramref name="node"/> (found at <paramref name="path"/>) onto <paramref name="owner"/>.</summary>
    public abstract TOwner Bind(TOwner owner, YamlNode node, string path, Diagnostics errors);

    /// <summary>The scalar field the rest of a dotted key names below this member, or null.</summary>
    public abstract FieldRef<TOwner>? Find(ReadOnlySpan<string> rest);

    /// <summary>Every dotted key of a scalar field below this member.</summary>
    public abstract IEnumerable<string> LeafKeys(string prefix);
}

/// <summary>What a scalar field knows of its values: their type and range rules.</summary>
internal interface IScalarField
{
    /// <summary>"a number", "an integer", "one of lars, sgd, adamw", ...</summary>
    string Expected { get; }

    /// <summary>Whether values are reals (uniform and loguniform fit), integers (randint fits), or neither.</summary>
    bool IsReal { get; }

    bool IsInteger { get; }

    /// <summary>Reads a YAML scalar as a value of this field, rules checked; returns the error or null.</summary>
    string? ParseValue(YamlNode node, out ParamValue value);

    /// <summary>Converts a value to this field's kind and checks its rules; returns the error or null.</summary>
    string? Normalize(ParamValue raw, out ParamValue value);
}

/// <summary>A scalar field reached from <typeparamref name="TOwner"/> by a dotted key, with its setter.</summary>
internal sealed record FieldRef<TOwner>(IScalarField Field, Func<TOwner, ParamValue, TOwner> Apply)
{
    /// <summary>This field, reached from a parent record through one of its members.</summary>
    public FieldRef<TParent> Lift<TParent>(Func<TParent, TOwner> get, Func<TParent, TOwner, TParent> set) =>
        new(Field, (parent, value) => set(parent, Apply(get(parent), value)));
}
