using System.CommandLine;
using System.Text.Json.Nodes;
using Byol.Client.Api;
using Byol.Client.Output;
using Byol.Client.Specs;
using Byol.Contracts.Sweeps;
using Spectre.Console;

namespace Byol.Client.Cli;

/// <summary>
/// `sweep submit SPEC [--wait] [--json] [--check-paths]`: validates the spec here (every error with its YAML path;
/// nothing is sent for an invalid spec), submits it, and with --wait watches it to the end and prints the results.
/// </summary>
public static class SubmitCommand
{
    public static Command Create(CommandRunner runner)
    {
        var spec = new Argument<FileInfo>("SPEC") { Description = "the sweep spec (YAML)" };
        var wait = new Option<bool>("--wait") { Description = "watch the sweep until it ends, then print its results" };
        var json = new Option<bool>("--json") { Description = "print JSON: { id, accepted, trials, errors }, or with --wait the `sweep show` document" };
        var checkPaths = new Option<bool>("--check-paths") { Description = "also check that the data paths exist on this machine" };
        var command = new Command("submit", "Validate a sweep spec and submit it to the cluster") { spec, wait, json, checkPaths };
        command.SetAction(async (parse, cancellation) =>
        {
            var context = runner.Context;
            var file = parse.GetRequiredValue(spec);
            var parsed = SpecFile.Read(file.FullName, parse.GetValue(checkPaths));
            if (!parsed.IsValid)
            {
                context.Error.WriteLine($"byol: {file.Name}: {parsed.Errors.Count} error(s); nothing was scheduled");
                foreach (var error in parsed.Errors)
                    context.Error.WriteLine("  " + error);
                return ExitCodes.InvalidInput;
            }
            return await runner.RunAsync(parse, client => Submit(client, parsed.Spec!, parse.GetValue(wait), parse.GetValue(json), context, cancellation), cancellation);
        });
        return command;
    }

    private static async Task<int> Submit(ByolClient client, Contracts.Specs.SweepSpec spec, bool wait, bool json, CliContext context, CancellationToken cancellation)
    {
        var outcome = await client.SubmitAsync(spec, cancellation);
        if (!outcome.Accepted)
        {
            context.Error.WriteLine($"byol: the cluster refused sweep '{outcome.SweepId}'; nothing was scheduled");
            foreach (var error in outcome.Errors)
                context.Error.WriteLine("  " + error);
            if (json)
                context.Out.WriteLine(Json(outcome).ToJsonString());
            return ExitCodes.InvalidInput;
        }
        if (!wait)
        {
            if (json)
                context.Out.WriteLine(Json(outcome).ToJsonString(CliJson.Indented));
            else
                context.Console.MarkupLine($"Submitted sweep [bold]{Markup.Escape(outcome.SweepId)}[/]: {outcome.Trials} trial(s). Watch it with `byol sweep watch {Markup.Escape(outcome.SweepId)}`.");
            return ExitCodes.Ok;
        }
        if (!json)
            context.Console.MarkupLine($"Submitted sweep [bold]{Markup.Escape(outcome.SweepId)}[/]: {outcome.Trials} trial(s)");
        var last = await SweepWatcher.WatchAsync(client, outcome.SweepId, context, json: false, cancellation, quiet: json);
        if (json)
            context.Out.WriteLine(SweepJson.Serialize(last));
        else
            context.Console.Write(ResultsTableView.Render(SweepResults.Of(last, null)));
        return SweepWatcher.ExitCode(last);
    }

    private static JsonObject Json(SubmitOutcome outcome) => new()
    {
        ["id"] = outcome.SweepId,
        ["accepted"] = outcome.Accepted,
        ["trials"] = outcome.Trials,
        ["errors"] = new JsonArray(outcome.Errors.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
    };
}
