using System.Text.Json.Nodes;

namespace Byol.Benchmarks;

/// <summary>
/// The <c>report</c> command: the readable table of a result saved with <c>--json</c> (augment, overhead, levers,
/// memory, checkpoint), so that a run is made once and read both ways.
/// </summary>
internal static class ReportCommand
{
    public static int Run(ReadOnlySpan<string> paths)
    {
        if (paths.IsEmpty)
            throw new ArgumentException("report needs one or more JSON files written with --json");
        foreach (var path in paths)
        {
            var result = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new ArgumentException($"{path} holds no JSON object");
            Action<JsonObject> print = (string?)result["command"] switch
            {
                "augment" => AugmentCommand.PrintTable,
                "overhead" => OverheadCommand.PrintTable,
                "levers" => LeversCommand.PrintTable,
                "memory" => MemoryCommand.PrintTable,
                "checkpoint" => CheckpointCommand.PrintTable,
                var other => throw new ArgumentException($"{path}: no table for command '{other}'"),
            };
            print(result);
        }
        return 0;
    }
}
