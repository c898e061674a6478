using TorchSharp.Modules;

namespace Byol.Model.Optimization;

/// <summary>Builds the optimizer that <see cref="OptimizerOptions.Name"/> names.</summary>
public static class TrainingOptimizers
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["lars", "sgd", "adamw"];

    /// <summary>
    /// An optimizer over <paramref name="parameters"/> in the given order (the order and names are part of its saved
    /// state). Biases and normalization parameters (rank &lt;= 1) are excluded from weight decay and LARS adaptation.
    /// </summary>
    public static ITrainingOptimizer Create(OptimizerOptions options, IReadOnlyList<(string Name, Parameter Parameter)> parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parameters);
        var duplicate = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"parameter name '{duplicate.Key}' appears more than once", nameof(parameters));
        }

        return options.Name.ToLowerInvariant() switch
        {
            "lars" => new LarsOptimizer(parameters, options.WeightDecay, options.Momentum, options.TrustCoefficient),
            "sgd" => new SgdOptimizer(parameters, options.WeightDecay, options.Momentum),
            "adamw" => new AdamWOptimizer(parameters, options.WeightDecay, options.Beta1, options.Beta2, options.Epsilon),
            _ => throw new ArgumentException(
                $"unknown optimizer '{options.Name}'; expected one of {string.Join(", ", Names)}", nameof(options)),
        };
    }
}
