using System.Globalization;

namespace Byol.Contracts.Specs.Binding;

/// <summary>Rules that relate two fields (min &lt;= max, asha needs grace_steps, ...), and data path existence.</summary>
internal static class CrossChecks
{
    /// <summary>Every rule between fields; errors on paths that already have one are not repeated.</summary>
    public static void Check(SweepSpec spec, Diagnostics errors)
    {
        void Add(string path, string message)
        {
            if (errors.Errors.All(e => e.Path != path))
            {
                errors.Add(path, message);
            }
        }

        foreach (var (name, view) in new[] { ("view1", spec.Train.Views.View1), ("view2", spec.Train.Views.View2) })
        {
            var path = $"train.views.{name}";
            MinMax(Add, path, "crop_area_min", view.CropAreaMin, "crop_area_max", view.CropAreaMax);
            MinMax(Add, path, "aspect_min", view.AspectMin, "aspect_max", view.AspectMax);
            MinMax(Add, path, "blur_sigma_min", view.BlurSigmaMin, "blur_sigma_max", view.BlurSigmaMax);
        }

        if (spec.Train.Optimizer.WarmupSteps > spec.Train.Steps)
        {
            Add("train.optimizer.warmup_steps",
                $"must be <= train.steps (got {spec.Train.Optimizer.WarmupSteps} > {spec.Train.Steps})");
        }

        var search = spec.Search;
        if (search.Method == SearchMethod.Random && search.Samples is null)
        {
            Add("search.samples", "is required when search.method is random");
        }

        if (search.Method == SearchMethod.Grid && search.Samples is null)
        {
            foreach (var axis in search.Space.Where(a => a.Domain.IsSampled))
            {
                Add($"search.space.{axis.Key}",
                    $"grid search cannot enumerate {axis.Domain}; use a list, or set search.samples to draw it that many times per grid point");
            }
        }

        if (spec.Scheduler.Name == SchedulerKind.Asha)
        {
            if (spec.Scheduler.GraceSteps is not { } grace)
            {
                Add("scheduler.grace_steps", "is required when scheduler.name is asha");
            }
            else if (grace > spec.Train.Steps)
            {
                Add("scheduler.grace_steps", $"must be <= train.steps (got {grace} > {spec.Train.Steps})");
            }
        }
    }

    /// <summary>Data paths must exist (URLs such as <c>az://...</c> are not checked).</summary>
    public static void CheckPaths(SweepSpec spec, Diagnostics errors)
    {
        var sources = new[] { ("train", spec.Data.Train), ("eval", spec.Data.Eval), ("probe", spec.Data.Probe) };
        foreach (var (name, source) in sources)
        {
            var path = $"data.{name}.path";
            if (source is null || source.Path.Length == 0 || IsUrl(source.Path) || errors.Errors.Any(e => e.Path == path))
            {
                continue;
            }

            if (!File.Exists(source.Path) && !Directory.Exists(source.Path))
            {
                errors.Add(path, $"'{source.Path}' does not exist");
            }
        }
    }

    /// <summary>A data path relative to the spec's directory, made absolute; URLs stay as they are.</summary>
    public static string Absolute(string path, string baseDirectory) =>
        path.Length == 0 || IsUrl(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));

    private static bool IsUrl(string path) => path.Contains("://", StringComparison.Ordinal);

    private static void MinMax(Action<string, string> add, string path, string minKey, double min, string maxKey, double max)
    {
        if (min > max)
        {
            add($"{path}.{minKey}", string.Create(CultureInfo.InvariantCulture, $"must be <= {maxKey} (got {min} > {max})"));
        }
    }
}
