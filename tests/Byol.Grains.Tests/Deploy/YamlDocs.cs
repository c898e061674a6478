using Byol.Grains.Tests.Cluster;
using YamlDotNet.RepresentationModel;

namespace Byol.Grains.Tests.Deploy;

/// <summary>Loads the files under deploy/ as YAML (every document of a multi-document file) and walks them by path.</summary>
internal static class YamlDocs
{
    public static string DeployPath(params string[] parts) => Path.Combine([TinySpecs.RepoRoot, "deploy", .. parts]);

    public static IReadOnlyList<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path)))
            stream.Load(reader);
        return stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode)).ToList();
    }

    /// <summary>The child at a dotted path (merge keys `<<` followed), or null.</summary>
    public static YamlNode? At(this YamlNode node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            if (node is not YamlMappingNode map)
                return null;
            node = Child(map, key)!;
            if (node is null)
                return null;
        }
        return node;
    }

    public static string? Text(this YamlNode node, string path) => (node.At(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode node, string path) =>
        node.At(path) is YamlSequenceNode seq ? seq.Children : [];

    /// <summary>A mapping's entries as text, with `<<: *anchor` merges applied (own keys win).</summary>
    public static Dictionary<string, string?> Entries(this YamlNode node, string path)
    {
        var result = new Dictionary<string, string?>();
        if (node.At(path) is not YamlMappingNode map)
            return result;
        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name == "<<" && value is YamlMappingNode merged)
            {
                foreach (var (k, v) in merged.Children)
                    result.TryAdd(((YamlScalarNode)k).Value!, (v as YamlScalarNode)?.Value);
                continue;
            }
            result[name] = (value as YamlScalarNode)?.Value;
        }
        return result;
    }

    private static YamlNode? Child(YamlMappingNode map, string key)
    {
        if (map.Children.TryGetValue(new YamlScalarNode(key), out var value))
            return value;
        return map.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) && merged is YamlMappingNode m ? Child(m, key) : null;
    }
}
