using Byol.Contracts.Specs.Binding;

namespace Byol.Contracts.Specs;

/// <summary>
/// The concrete spec of one trial: the sweep's spec with the trial's parameters set, each through the schema that
/// parsed the YAML (so the same keys and the same rules apply). A variants axis's value applies the fields of the
/// variant it names.
/// </summary>
public static class SpecResolver
{
    /// <exception cref="SpecException">A key names no field, or a value breaks its field's rules.</exception>
    public static SweepSpec Resolve(SweepSpec spec, IReadOnlyDictionary<string, ParamValue> parameters)
    {
        var errors = new Diagnostics();
        var resolved = Apply(spec, parameters, errors);
        if (errors.Count == 0)
        {
            CrossChecks.Check(resolved, errors);
        }

        return errors.Count == 0 ? resolved : throw new SpecException(errors.Errors);
    }

    /// <summary>The spec of <paramref name="trial"/>.</summary>
    public static SweepSpec Resolve(SweepSpec spec, TrialPlan trial) => Resolve(spec, trial.Params);

    internal static SweepSpec Apply(SweepSpec spec, IReadOnlyDictionary<string, ParamValue> parameters, Diagnostics errors)
    {
        foreach (var (key, value) in parameters)
        {
            if (spec.Search.Space.FirstOrDefault(a => a.Key == key && a.Domain.Kind == DomainKind.Variants) is { } axis)
            {
                if (axis.Domain.Variant(value.ToString()) is { } variant)
                {
                    spec = Apply(spec, variant.Settings, errors);
                }
                else
                {
                    errors.Add(key, $"unknown variant '{value}' (expected one of {string.Join(", ", axis.Domain.Choices)})");
                }

                continue;
            }

            var field = SpecSchema.FindField(key);
            if (field is null)
            {
                errors.Add(key, $"unknown field '{key}'" + Suggest.DidYouMean(key, SpecSchema.SearchableKeys));
            }
            else if (field.Field.Normalize(value, out var typed) is { } error)
            {
                errors.Add(key, error);
            }
            else
            {
                spec = field.Apply(spec, typed);
            }
        }

        return spec;
    }
}
