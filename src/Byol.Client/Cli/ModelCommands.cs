using System.CommandLine;
using Byol.Client.Data;
using Spectre.Console;

namespace Byol.Client.Cli;

/// <summary>
/// `export ID TRIAL --out FILE` (a trial's trained encoder) and `embed --encoder FILE --data SOURCE --out FILE`
/// (embeddings as CSV). Both run on a silo, which has libtorch; the client only moves bytes.
/// </summary>
public static class ModelCommands
{
    public static Command Export(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "the sweep's id" };
        var trial = new Argument<string>("TRIAL") { Description = "the trial's id (see `byol sweep results ID`)" };
        var output = new Option<FileInfo>("--out") { Description = "the encoder file to write (Byol's format, BYOLENC1)", Required = true };
        var command = new Command("export", "Write the trained encoder of a trial to a file") { id, trial, output };
        runner.Bind(command, async (parse, client, cancellation) =>
        {
            var bytes = await client.ExportEncoderAsync(parse.GetRequiredValue(id), parse.GetRequiredValue(trial), cancellation);
            var file = parse.GetRequiredValue(output);
            await WriteAsync(file, bytes, cancellation);
            runner.Context.Console.MarkupLine($"Wrote the encoder ({bytes.Length:N0} bytes) to [bold]{Markup.Escape(file.FullName)}[/]");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Embed(CommandRunner runner)
    {
        var encoder = new Option<FileInfo>("--encoder") { Description = "an encoder file from `byol export`", Required = true };
        var data = new Option<string>("--data") { Description = "the images: " + DataSourceSyntax.Help + " (paths as the silos see them)", Required = true };
        var limit = new Option<int>("--limit") { Description = "at most this many images (0: all)" };
        var output = new Option<FileInfo>("--out") { Description = "the CSV to write (index, label, f0..fN)", Required = true };
        var command = new Command("embed", "Embed a data source with an exported encoder, on a silo") { encoder, data, limit, output };
        runner.Bind(command, async (parse, client, cancellation) =>
        {
            var source = DataSourceSyntax.Parse(parse.GetRequiredValue(data), parse.GetValue(limit));
            var encoderFile = parse.GetRequiredValue(encoder);
            if (!encoderFile.Exists)
                throw new FileNotFoundException($"encoder file '{encoderFile.FullName}' does not exist");
            var csv = await client.EmbedAsync(await File.ReadAllBytesAsync(encoderFile.FullName, cancellation), source, cancellation);
            var file = parse.GetRequiredValue(output);
            await WriteAsync(file, csv, cancellation);
            runner.Context.Console.MarkupLine($"Wrote the embeddings to [bold]{Markup.Escape(file.FullName)}[/]");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(FileInfo file, byte[] bytes, CancellationToken cancellation)
    {
        if (file.DirectoryName is { } directory)
            Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(file.FullName, bytes, cancellation);
    }
}
