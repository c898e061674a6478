using Byol.Client.Api;
using Byol.Client.Connection;
using Spectre.Console;

namespace Byol.Client.Cli;

/// <summary>
/// Where the CLI writes and how it reaches the cluster: the real console and a real connection in `byol`, a test
/// console and a test cluster's client in tests.
/// </summary>
public sealed class CliContext
{
    /// <summary>Human-readable output (tables, the live watch).</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Machine-readable output (JSON, CSV), written as is.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>One-line reasons of failures; spec errors, one per line.</summary>
    public required TextWriter Error { get; init; }

    public Func<ClientClusterOptions, CancellationToken, Task<ByolClient>> Connect { get; init; } =
        (options, cancellation) => ByolClient.ConnectAsync(options, cancellation);

    /// <summary>appsettings.json's directory (the binary's by default).</summary>
    public string? ConfigurationDirectory { get; init; }

    /// <summary>How often `watch` renews its subscription.</summary>
    public TimeSpan? WatchResubscribe { get; init; }

    public static CliContext ForProcess() => new()
    {
        Console = AnsiConsole.Console,
        Out = System.Console.Out,
        Error = System.Console.Error,
    };
}
