using System.CommandLine;
using Byol.Client.Api;
using Byol.Contracts.Sweeps;
using Spectre.Console;

namespace Byol.Client.Cli;

/// <summary>`sweep cancel|pause|resume ID` and `sweep extend ID --steps N`; each prints the sweep's state afterwards.</summary>
public static class SweepControlCommands
{
    public static Command Control(CommandRunner runner, string name, string description, Func<ByolClient, string, CancellationToken, Task<SweepView>> act)
    {
        var id = new Argument<string>("ID") { Description = "the sweep's id" };
        var json = new Option<bool>("--json") { Description = "print the `sweep show` document afterwards" };
        var command = new Command(name, description) { id, json };
        runner.Bind(command, async (parse, client, cancellation) =>
            Print(runner.Context, await act(client, parse.GetRequiredValue(id), cancellation), parse.GetValue(json)));
        return command;
    }

    public static Command Extend(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "the sweep's id" };
        var steps = new Option<long>("--steps") { Description = "the new step budget of every trial", Required = true };
        var json = new Option<bool>("--json") { Description = "print the `sweep show` document afterwards" };
        var command = new Command("extend", "Raise the step budget of a sweep's trials (finished ones train on)") { id, steps, json };
        runner.Bind(command, async (parse, client, cancellation) =>
            Print(runner.Context, await client.ExtendAsync(parse.GetRequiredValue(id), parse.GetValue(steps), cancellation), parse.GetValue(json)));
        return command;
    }

    private static int Print(CliContext context, SweepView view, bool json)
    {
        if (json)
            context.Out.WriteLine(SweepJson.Serialize(view));
        else
            context.Console.MarkupLine($"Sweep [bold]{Markup.Escape(view.Id)}[/]: {SweepJson.Name(view.State)}");
        return ExitCodes.Ok;
    }
}
