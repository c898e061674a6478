using System.Text.Json.Nodes;
using Byol.Contracts.Cluster;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Byol.Client.Output;

/// <summary>
/// `byol cluster`: each silo with its accelerator, slots and the trainers running there, or with --json an array of
/// { silo, host, accelerator, devices, slots, slots_in_use, trainers, status }.
/// </summary>
public static class ClusterView
{
    public static IRenderable Render(IReadOnlyList<SiloView> silos)
    {
        if (silos.Count == 0)
            return new Markup("[yellow]no silo has registered its slots yet[/]");
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{silos.Count} silo(s), {silos.Sum(s => s.Capacity.Slots)} slot(s), {silos.Sum(s => s.Trainers.Count)} trainer(s) running");
        foreach (var column in new[] { "silo", "host", "accelerator", "slots", "trainers running", "status" })
            table.AddColumn(column);
        foreach (var s in silos)
        {
            var c = s.Capacity;
            table.AddRow(
                Markup.Escape(c.Silo),
                Markup.Escape(c.HostName),
                c.Devices > 1 ? $"{c.Accelerator} x{c.Devices}" : c.Accelerator,
                $"{s.SlotsInUse}/{c.Slots}",
                s.Trainers.Count == 0 ? "[grey]-[/]" : Markup.Escape(string.Join(", ", s.Trainers)),
                Markup.Escape(s.Status));
        }
        return table;
    }

    public static JsonArray Json(IReadOnlyList<SiloView> silos) => new(silos.Select(s => (JsonNode?)new JsonObject
    {
        ["silo"] = s.Capacity.Silo,
        ["host"] = s.Capacity.HostName,
        ["accelerator"] = s.Capacity.Accelerator,
        ["devices"] = s.Capacity.Devices,
        ["slots"] = s.Capacity.Slots,
        ["slots_in_use"] = s.SlotsInUse,
        ["trainers"] = new JsonArray(s.Trainers.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        ["status"] = s.Status,
    }).ToArray());
}
