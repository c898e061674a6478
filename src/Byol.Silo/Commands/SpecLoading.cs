using Byol.Contracts.Specs;

namespace Byol.Silo.Commands;

/// <summary>Reads a spec file and reports every error with its YAML path.</summary>
public static class SpecLoading
{
    public static SweepSpec? Load(string path, TextWriter errors)
    {
        if (!File.Exists(path))
        {
            errors.WriteLine($"spec file '{path}' does not exist");
            return null;
        }
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var result = SpecParser.Parse(File.ReadAllText(path), new SpecParseOptions { BaseDirectory = baseDirectory });
        if (result.Spec is null || result.Errors.Count > 0)
        {
            errors.WriteLine($"{path}: {result.Errors.Count} error(s); nothing was scheduled");
            foreach (var error in result.Errors)
                errors.WriteLine("  " + error);
            return null;
        }
        return result.Spec; // relative data paths were made absolute against the spec's directory
    }
}
