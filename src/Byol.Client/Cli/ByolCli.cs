using System.CommandLine;

namespace Byol.Client.Cli;

/// <summary>The `byol` command line: `sweep ...`, `cluster`, `export`, `embed`, each with the connection options.</summary>
public static class ByolCli
{
    public static RootCommand Build(CliContext context)
    {
        var connection = new ConnectionOptions();
        var runner = new CommandRunner(context, connection);
        var sweep = new Command("sweep", "Submit, follow and read sweeps")
        {
            SubmitCommand.Create(runner),
            SweepReadCommands.List(runner),
            SweepReadCommands.Show(runner),
            SweepReadCommands.Watch(runner),
            SweepControlCommands.Control(runner, "cancel", "Cancel a sweep: its unfinished trials stop", (c, id, t) => c.CancelAsync(id, t)),
            SweepControlCommands.Control(runner, "pause", "Pause a sweep: running trials checkpoint and stop, none start", (c, id, t) => c.PauseAsync(id, t)),
            SweepControlCommands.Control(runner, "resume", "Resume a paused sweep", (c, id, t) => c.ResumeAsync(id, t)),
            SweepControlCommands.Extend(runner),
            SweepReadCommands.Results(runner),
            SweepReadCommands.Report(runner),
        };
        var root = new RootCommand("byol: BYOL self-supervised pretraining sweeps on an Orleans cluster (the client; no libtorch)")
        {
            sweep,
            ClusterCommand.Create(runner),
            ModelCommands.Export(runner),
            ModelCommands.Embed(runner),
        };
        foreach (var option in connection.All)
            root.Options.Add(option);
        return root;
    }

    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellation = default) =>
        Build(context).Parse(args).InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellation);
}
