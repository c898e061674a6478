using System.CommandLine;
using Byol.Client.Output;

namespace Byol.Client.Cli;

/// <summary>`byol cluster [--json]`: the silos, their accelerator and slots, the trainers running on each.</summary>
public static class ClusterCommand
{
    public static Command Create(CommandRunner runner)
    {
        var json = new Option<bool>("--json") { Description = "print [{ silo, host, accelerator, devices, slots, slots_in_use, trainers, status }]" };
        var command = new Command("cluster", "Show the silos of the cluster, their accelerators, slots and running trainers") { json };
        runner.Bind(command, async (parse, client, cancellation) =>
        {
            var silos = await client.ClusterAsync(cancellation);
            if (parse.GetValue(json))
                runner.Context.Out.WriteLine(ClusterView.Json(silos).ToJsonString(CliJson.Indented));
            else
                runner.Context.Console.Write(ClusterView.Render(silos));
            return ExitCodes.Ok;
        });
        return command;
    }
}
