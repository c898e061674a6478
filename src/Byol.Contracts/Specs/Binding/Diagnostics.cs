using YamlDotNet.RepresentationModel;

namespace Byol.Contracts.Specs.Binding;

/// <summary>Collects every error of a parse, so that all of them are reported at once.</summary>
internal sealed class Diagnostics
{
    private readonly List<SpecError> errors = [];

    public IReadOnlyList<SpecError> Errors => errors;

    public int Count => errors.Count;

    public void Add(string path, string message, YamlNode? node = null) =>
        errors.Add(new SpecError(path, message)
        {
            Line = node is null ? 0 : (int)node.Start.Line,
            Column = node is null ? 0 : (int)node.Start.Column,
        });

    public static string Join(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;
}
