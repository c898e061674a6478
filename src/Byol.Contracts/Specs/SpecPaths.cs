namespace Byol.Contracts.Specs;

/// <summary>
/// Makes a spec's data paths absolute against the spec file's directory before it is submitted: silos open the
/// paths where they run, not where the spec was written.
/// </summary>
public static class SpecPaths
{
    public static SweepSpec Absolutize(SweepSpec spec, string baseDirectory)
    {
        DataSourceSpec Fix(DataSourceSpec s) => s with { Path = Path.GetFullPath(s.Path, baseDirectory) };
        return spec with
        {
            Data = spec.Data with
            {
                Train = Fix(spec.Data.Train),
                Eval = Fix(spec.Data.Eval),
                Probe = spec.Data.Probe is { } probe ? Fix(probe) : null,
            },
        };
    }
}
