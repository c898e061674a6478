using System.CommandLine;
using Byol.Client.Output;
using Byol.Client.Report;
using Byol.Contracts.Sweeps;
using Spectre.Console;

namespace Byol.Client.Cli;

/// <summary>`sweep list`, `sweep show ID`, `sweep watch ID`, `sweep results ID`, `sweep report ID --out DIR`.</summary>
public static class SweepReadCommands
{
    private static Option<bool> JsonOption(string what) => new("--json") { Description = "print " + what + " as JSON" };

    private static Argument<string> IdArgument() => new("ID") { Description = "the sweep's id (see `byol sweep list`)" };

    public static Command List(CommandRunner runner)
    {
        var json = JsonOption("[{ id, name, state, trials, completed, submitted_at }]");
        var command = new Command("list", "List the sweeps, newest first") { json };
        runner.Bind(command, async (parse, client, cancellation) =>
        {
            var sweeps = await client.ListAsync(cancellation);
            if (parse.GetValue(json))
                runner.Context.Out.WriteLine(SweepListView.Json(sweeps).ToJsonString(CliJson.Indented));
            else
                runner.Context.Console.Write(SweepListView.Render(sweeps));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Show(CommandRunner runner)
    {
        var id = IdArgument();
        var json = JsonOption("the `sweep show` document { id, name, state, objective, baselines, trials[] }");
        var command = new Command("show", "Show a sweep: its state, baselines and trials") { id, json };
        runner.Bind(command, async (parse, client, cancellation) =>
        {
            var view = await client.GetAsync(parse.GetRequiredValue(id), cancellation);
            if (parse.GetValue(json))
                runner.Context.Out.WriteLine(SweepJson.Serialize(view));
            else
                runner.Context.Console.Write(ResultsTableView.Render(Api.SweepResults.Of(view, null)));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Watch(CommandRunner runner)
    {
        var id = IdArgument();
        var json = JsonOption("each pushed `sweep show` document, one per line,");
        var command = new Command("watch", "Watch a sweep live until it ends (Ctrl+C stops watching; the sweep goes on)") { id, json };
        runner.Bind(command, async (parse, client, cancellation) =>
            SweepWatcher.ExitCode(await SweepWatcher.WatchAsync(client, parse.GetRequiredValue(id), runner.Context, parse.GetValue(json), cancellation)));
        return command;
    }

    public static Command Results(CommandRunner runner)
    {
        var id = IdArgument();
        var format = new Option<string>("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var top = new Option<int?>("--top") { Description = "only the K best trials" };
        var json = new Option<bool>("--json") { Description = "print the results as JSON (same as --format json)" };
        var command = new Command("results", "The trials ranked by the objective, with the baselines") { id, format, top, json };
        runner.Bind(command, async (parse, client, cancellation) =>
        {
            var results = await client.ResultsAsync(parse.GetRequiredValue(id), parse.GetValue(top), cancellation);
            switch (parse.GetValue(json) ? "json" : parse.GetValue(format))
            {
                case "json":
                    runner.Context.Out.WriteLine(SweepJson.Serialize(results.Sweep));
                    break;
                case "csv":
                    runner.Context.Out.Write(ResultsCsv.Write(results));
                    break;
                default:
                    runner.Context.Console.Write(ResultsTableView.Render(results));
                    break;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Report(CommandRunner runner)
    {
        var id = IdArgument();
        var output = new Option<DirectoryInfo>("--out") { Description = "the directory to write index.html and the PNG plots into", Required = true };
        var top = new Option<int?>("--top") { Description = "only the K best trials" };
        var command = new Command("report", "Write an HTML report with plots of a sweep") { id, output, top };
        runner.Bind(command, async (parse, client, cancellation) =>
        {
            var all = await client.ResultsAsync(parse.GetRequiredValue(id), null, cancellation);
            var files = await SweepReport.WriteAsync(all.Sweep, parse.GetValue(top), parse.GetRequiredValue(output).FullName, cancellation);
            var plots = files.Count(f => f.EndsWith(".png", StringComparison.Ordinal));
            var others = files.Skip(1).Where(f => !f.EndsWith(".png", StringComparison.Ordinal)).Select(f => $" and {Markup.Escape(Path.GetFileName(f))}");
            runner.Context.Console.MarkupLine($"Wrote [bold]{Markup.Escape(files[0])}[/], {plots} plot(s){string.Concat(others)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
