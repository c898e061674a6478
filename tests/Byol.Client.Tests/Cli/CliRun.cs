using Byol.Client.Api;
using Byol.Client.Cli;
using Spectre.Console.Testing;

namespace Byol.Client.Tests.Cli;

/// <summary>What one `byol` invocation left: its exit code, stdout (JSON, CSV), stderr and the console's text.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error, string Console)
{
    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- err\n{Error}\n--- console\n{Console}";
}

/// <summary>Runs the real command line (parsing, handlers, output) against a test cluster's client.</summary>
public static class CliRun
{
    public static Task<CliResult> Against(IGrainFactory grains, params string[] args) =>
        RunAsync(_ => Task.FromResult(ByolClient.Create(grains)), args);

    /// <summary>As <see cref="Against"/> on an interactive terminal (the live view of `watch`).</summary>
    public static Task<CliResult> InteractiveAgainst(IGrainFactory grains, params string[] args) =>
        RunAsync(_ => Task.FromResult(ByolClient.Create(grains)), args, interactive: true);

    public static Task<CliResult> RunAsync(Func<Connection.ClientClusterOptions, Task<ByolClient>>? connect, params string[] args) =>
        RunAsync(connect, args, interactive: false);

    private static async Task<CliResult> RunAsync(Func<Connection.ClientClusterOptions, Task<ByolClient>>? connect, string[] args, bool interactive)
    {
        var console = new TestConsole();
        if (interactive)
            console.Interactive();
        console.Profile.Width = 220;
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext
        {
            Console = console,
            Out = output,
            Error = error,
            WatchResubscribe = TimeSpan.FromSeconds(2),
            Connect = connect is null ? (o, c) => ByolClient.ConnectAsync(o, c) : (o, _) => connect(o),
        };
        var code = await ByolCli.RunAsync(args, context);
        return new CliResult(code, output.ToString(), error.ToString(), console.Output);
    }
}
