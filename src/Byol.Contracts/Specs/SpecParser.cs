using Byol.Contracts.Specs.Binding;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Byol.Contracts.Specs;

/// <summary>
/// Parses and validates a sweep spec. Every problem is reported at once, each with its YAML path: syntax, unknown
/// keys, types, ranges, enum values, missing fields, the search space, rules between fields and data paths.
/// </summary>
public static class SpecParser
{
    public static SpecParseResult Parse(string yaml, SpecParseOptions? options = null)
    {
        options ??= new SpecParseOptions();
        var errors = new Diagnostics();
        var root = Load(yaml, errors);
        if (root is null)
        {
            return new SpecParseResult(null, errors.Errors);
        }

        var spec = SpecSchema.Root.Bind(new SweepSpec(), root, "", errors) with { SourceYaml = yaml };
        spec = MakePathsAbsolute(spec, options.BaseDirectory);
        CrossChecks.Check(spec, errors);
        if (options.CheckPaths)
        {
            CrossChecks.CheckPaths(spec, errors);
        }

        if (errors.Count == 0)
        {
            CheckTrials(spec, options, errors);
        }

        return errors.Count == 0 ? new SpecParseResult(spec, []) : new SpecParseResult(null, errors.Errors);
    }

    /// <summary>Parses a spec file; relative data paths are taken from its directory unless options say otherwise.</summary>
    public static SpecParseResult ParseFile(string path, SpecParseOptions? options = null)
    {
        options ??= new SpecParseOptions();
        if (!File.Exists(path))
        {
            return new SpecParseResult(null, [new SpecError("", $"spec file '{path}' does not exist")]);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        return Parse(File.ReadAllText(path), options with { BaseDirectory = options.BaseDirectory ?? directory });
    }

    private static YamlNode? Load(string yaml, Diagnostics errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is YamlException i ? i : e;
            errors.Add("", $"YAML syntax error at line {inner.Start.Line}, column {inner.Start.Column}: {Reason(inner)}");
            return null;
        }

        if (stream.Documents.Count == 0 || YamlNodes.IsNull(stream.Documents[0].RootNode))
        {
            errors.Add("", "the spec is empty");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add("", $"expected one YAML document, got {stream.Documents.Count}");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>YamlDotNet's message without the location it prefixes.</summary>
    private static string Reason(YamlException e)
    {
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
    }

    private static SweepSpec MakePathsAbsolute(SweepSpec spec, string? baseDirectory)
    {
        if (baseDirectory is null)
        {
            return spec;
        }

        DataSourceSpec Fix(DataSourceSpec s) => s with { Path = CrossChecks.Absolute(s.Path, baseDirectory) };
        var data = spec.Data;
        return spec with
        {
            Data = data with { Train = Fix(data.Train), Eval = Fix(data.Eval), Probe = data.Probe is null ? null : Fix(data.Probe) },
        };
    }

    /// <summary>The trial count is bounded, and every trial's spec must pass the rules between fields.</summary>
    private static void CheckTrials(SweepSpec spec, SpecParseOptions options, Diagnostics errors)
    {
        var count = SearchExpander.Count(spec);
        if (count > options.MaxTrials)
        {
            errors.Add("search", $"expands to {count} trials (at most {options.MaxTrials})");
            return;
        }

        const int shown = 5;
        var bad = 0;
        foreach (var trial in SearchExpander.Expand(spec))
        {
            var trialErrors = new Diagnostics();
            CrossChecks.Check(SpecResolver.Apply(spec, trial.Params, trialErrors), trialErrors);
            if (trialErrors.Count > 0 && bad++ < shown)
            {
                errors.Add("search.space", $"trial {trial.Describe()} is invalid: {string.Join("; ", trialErrors.Errors)}");
            }
        }

        if (bad > shown)
        {
            errors.Add("search.space", $"{bad - shown} more trials are invalid");
        }
    }
}
