using Byol.Contracts.Specs.Binding;

namespace Byol.Contracts.Specs;

/// <summary>
/// Expands a spec's search space into trials.
/// Grid: the cartesian product of the list axes (first axis slowest); sampled axes (uniform, loguniform, randint)
/// are drawn <c>search.samples</c> times per grid point, as Ray Tune's num_samples does. Random: <c>search.samples</c>
/// draws of every axis. Every point runs once per seed of <c>search.seeds</c> (innermost); ids are t000, t001, ...
/// </summary>
public static class SearchExpander
{
    public static IReadOnlyList<TrialPlan> Expand(SweepSpec spec)
    {
        var search = spec.Search;
        var rng = new SplitMix64(unchecked((ulong)search.Seed));
        var points = new List<IReadOnlyDictionary<string, ParamValue>>();
        if (search.Method == SearchMethod.Random)
        {
            var samples = search.Samples ?? throw Invalid("search.samples", "is required when search.method is random");
            for (var s = 0; s < samples; s++)
            {
                points.Add(Draw(search.Space, rng, fixedValues: null));
            }
        }
        else
        {
            var sampled = search.Space.Any(a => a.Domain.IsSampled);
            var draws = sampled ? search.Samples ?? throw Invalid("search.samples", "is required to draw sampled axes") : 1;
            foreach (var gridPoint in GridPoints(search.Space))
            {
                for (var s = 0; s < draws; s++)
                {
                    points.Add(Draw(search.Space, rng, gridPoint));
                }
            }
        }

        var total = points.Count * search.Seeds.Count;
        var width = Math.Max(3, (total - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var trials = new List<TrialPlan>(total);
        foreach (var point in points)
        {
            foreach (var seed in search.Seeds)
            {
                trials.Add(new TrialPlan("t" + trials.Count.ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture), point, seed));
            }
        }

        return trials;
    }

    /// <summary>How many trials <see cref="Expand"/> gives, without expanding (saturates at long.MaxValue).</summary>
    public static long Count(SweepSpec spec)
    {
        var search = spec.Search;
        var seeds = Math.Max(1, search.Seeds.Count);
        try
        {
            checked
            {
                if (search.Method == SearchMethod.Random)
                {
                    return (long)(search.Samples ?? 0) * seeds;
                }

                long count = seeds;
                foreach (var axis in search.Space.Where(a => !a.Domain.IsSampled))
                {
                    count *= axis.Domain.Choices.Count;
                }

                return search.Space.Any(a => a.Domain.IsSampled) ? count * (search.Samples ?? 1) : count;
            }
        }
        catch (OverflowException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>Cartesian product of the choice axes, the first axis varying slowest.</summary>
    private static IEnumerable<Dictionary<string, ParamValue>> GridPoints(IReadOnlyList<SpaceAxis> space)
    {
        IEnumerable<Dictionary<string, ParamValue>> points = [new Dictionary<string, ParamValue>()];
        foreach (var axis in space.Where(a => !a.Domain.IsSampled))
        {
            var current = axis;
            points = points.SelectMany(p => current.Domain.Choices.Select(v => new Dictionary<string, ParamValue>(p) { [current.Key] = v }));
        }

        return points;
    }

    /// <summary>One point in space order: grid values where given, otherwise a draw.</summary>
    private static ParamMap Draw(IReadOnlyList<SpaceAxis> space, SplitMix64 rng, Dictionary<string, ParamValue>? fixedValues)
    {
        var values = new List<KeyValuePair<string, ParamValue>>();
        foreach (var axis in space)
        {
            var value = fixedValues is not null && fixedValues.TryGetValue(axis.Key, out var given) ? given : Sample(axis, rng);
            values.Add(KeyValuePair.Create(axis.Key, value));
        }

        return new ParamMap(values);
    }

    private static ParamValue Sample(SpaceAxis axis, SplitMix64 rng)
    {
        var d = axis.Domain;
        ParamValue raw = d.Kind switch
        {
            DomainKind.Choice => d.Choices[(int)rng.NextInclusive(0, d.Choices.Count - 1)],
            DomainKind.Uniform => Math.Clamp(d.Low + rng.NextDouble() * (d.High - d.Low), d.Low, d.High),
            DomainKind.LogUniform => Math.Clamp(
                Math.Exp(Math.Log(d.Low) + rng.NextDouble() * (Math.Log(d.High) - Math.Log(d.Low))), d.Low, d.High),
            _ => rng.NextInclusive((long)d.Low, (long)d.High),
        };

        // Type the value for its field (randint on a real field gives reals).
        var field = SpecSchema.FindField(axis.Key)?.Field;
        return field is not null && field.Normalize(raw, out var typed) is null ? typed : raw;
    }

    private static SpecException Invalid(string path, string message) => new([new SpecError(path, message)]);
}
