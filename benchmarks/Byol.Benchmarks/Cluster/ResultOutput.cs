using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Byol.Benchmarks.Cluster;

/// <summary>Prints a cluster benchmark's result: indented JSON with --json, else "label  value" lines.</summary>
public static class ResultOutput
{
    public static void Print(JsonObject result, bool json, IEnumerable<(string Label, string Value)> table)
    {
        if (json)
        {
            Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        foreach (var (label, value) in table)
            Console.WriteLine(label.Length == 0 ? value : $"  {label,-34}{value}");
    }

    public static string Number(JsonNode? node, string format = "F2") =>
        node is null ? "-" : double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"p50 / p95 / max" (or p99) of a <see cref="Percentiles.Summary"/>.</summary>
    public static string Spread(JsonNode? summary, string upper = "p95") =>
        $"{Number(summary?["p50"])} / {Number(summary?[upper])} / {Number(summary?["max"])}";
}
