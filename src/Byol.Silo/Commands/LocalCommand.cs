using Byol.Contracts.Specs;
using Spectre.Console;

namespace Byol.Silo.Commands;

/// <summary>
/// `local SPEC [--json] [--steps N]`: any spec on an embedded single-silo cluster. `demo` is this command with the
/// spec the project ships (sweeps/demo.yaml on the Fashion-MNIST sample in samples/).
/// </summary>
public static class LocalCommand
{
    public static async Task<int> RunAsync(string specPath, string[] args)
    {
        var json = args.Contains("--json");
        var spec = SpecLoading.Load(specPath, Console.Error);
        if (spec is null)
            return 2;
        if (Option(args, "--steps") is { } steps)
            spec = spec with { Train = spec.Train with { Steps = steps, CheckpointEvery = Math.Min(spec.Train.CheckpointEvery, Math.Max(1, steps)) } };
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(json ? Console.Error : Console.Out) });
        var host = await EmbeddedCluster.StartAsync(args, CancellationToken.None);
        try
        {
            return await new SweepRunner(EmbeddedCluster.Grains(host), console, Console.Out).RunAsync(spec, json, cancel.Token);
        }
        finally
        {
            using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
                await host.StopAsync(stopping.Token);
            host.Dispose();
        }
    }

    public static Task<int> DemoAsync(string[] args) =>
        RunAsync(Path.Combine(AppContext.BaseDirectory, "sweeps", "demo.yaml"), args);

    private static int? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : null;
    }
}
