namespace Byol.Contracts.Specs;

/// <summary>One problem in a spec: its YAML path (<c>train.optimizer.base_lr</c>) and what is wrong.</summary>
[GenerateSerializer, Alias("byol.spec_error"), Immutable]
public sealed record SpecError([property: Id(0)] string Path, [property: Id(1)] string Message)
{
    /// <summary>1-based line of the offending node in the YAML text; 0 when unknown.</summary>
    [Id(2)] public int Line { get; init; }

    /// <summary>1-based column; 0 when unknown.</summary>
    [Id(3)] public int Column { get; init; }

    /// <summary><c>train.optimizer.base_lr: must be &gt; 0 (got -0.1)</c>.</summary>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

/// <summary>The outcome of parsing: the spec when valid, and every error found.</summary>
public sealed record SpecParseResult(SweepSpec? Spec, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Spec is not null && Errors.Count == 0;
}

/// <summary>Options of <see cref="SpecParser"/>.</summary>
public sealed record SpecParseOptions
{
    /// <summary>Report data paths that do not exist on this machine.</summary>
    public bool CheckPaths { get; init; } = true;

    /// <summary>Directory relative data paths are taken from (the spec file's); null = the current directory.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>A search that expands to more trials than this is an error.</summary>
    public int MaxTrials { get; init; } = 10_000;
}

/// <summary>Thrown where a spec is used that is not valid (a trial's params that break a field's rule).</summary>
public sealed class SpecException(IReadOnlyList<SpecError> errors)
    : Exception("Invalid sweep spec:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
