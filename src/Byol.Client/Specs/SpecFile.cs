using Byol.Contracts.Specs;

namespace Byol.Client.Specs;

/// <summary>
/// Reads a spec file on the client, before anything reaches the cluster: every error with its YAML path.
/// Relative data paths are taken from the spec's directory. Data paths are checked only when asked: they name
/// paths on the silos, which the client's machine need not have.
/// </summary>
public static class SpecFile
{
    public static SpecParseResult Read(string path, bool checkPaths = false) =>
        SpecParser.ParseFile(path, new SpecParseOptions { CheckPaths = checkPaths });
}
