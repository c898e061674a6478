using System.Text.Json.Nodes;
using Byol.Contracts.Sweeps;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Byol.Client.Output;

/// <summary>`sweep list`: a table, or with --json an array of { id, name, state, trials, completed, submitted_at }.</summary>
public static class SweepListView
{
    public static IRenderable Render(IReadOnlyList<SweepSummary> sweeps)
    {
        if (sweeps.Count == 0)
            return new Markup("[grey]no sweeps yet: submit one with `byol sweep submit SPEC`[/]");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "id", "name", "state", "trials", "completed", "submitted (UTC)" })
            table.AddColumn(column);
        foreach (var s in sweeps)
            table.AddRow(Markup.Escape(s.Id), Markup.Escape(s.Name), SweepJson.Name(s.State), Cells.Integer(s.Trials),
                Cells.Integer(s.Completed), s.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        return table;
    }

    public static JsonArray Json(IReadOnlyList<SweepSummary> sweeps) => new(sweeps.Select(s => (JsonNode?)new JsonObject
    {
        ["id"] = s.Id,
        ["name"] = s.Name,
        ["state"] = SweepJson.Name(s.State),
        ["trials"] = s.Trials,
        ["completed"] = s.Completed,
        ["submitted_at"] = s.SubmittedAt,
    }).ToArray());
}
