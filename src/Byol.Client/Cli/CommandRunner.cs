using System.CommandLine;
using Byol.Client.Api;
using Byol.Client.Connection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Byol.Client.Cli;

/// <summary>
/// Runs one command against the cluster: connects, runs it, and turns every failure into an exit code and a
/// one-line reason on stderr.
/// </summary>
public sealed class CommandRunner(CliContext context, ConnectionOptions connection)
{
    public CliContext Context => context;

    /// <summary>Sets the command's action to <paramref name="run"/> with a connected client.</summary>
    public void Bind(Command command, Func<ParseResult, ByolClient, CancellationToken, Task<int>> run) =>
        command.SetAction((parse, cancellation) => RunAsync(parse, client => run(parse, client, cancellation), cancellation));

    public async Task<int> RunAsync(ParseResult parse, Func<ByolClient, Task<int>> run, CancellationToken cancellation)
    {
        try
        {
            var options = connection.Resolve(parse, context.ConfigurationDirectory);
            await using var client = await context.Connect(options, cancellation);
            return await run(client);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            context.Error.WriteLine("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (ClusterUnreachableException e)
        {
            return Fail(e.Message, ExitCodes.Unreachable);
        }
        catch (OptionsValidationException e)
        {
            return Fail(e.Message, ExitCodes.InvalidInput);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            return Fail(e.Message, ExitCodes.InvalidInput);
        }
        catch (Exception e) when (e is TimeoutException or SiloUnavailableException)
        {
            return Fail($"the cluster did not answer: {e.Message}", ExitCodes.Unreachable);
        }
        catch (Exception e) when (e is InvalidOperationException or OrleansException or NotSupportedException)
        {
            return Fail(e.Message, ExitCodes.Failed);
        }
    }

    public int Fail(string message, int code)
    {
        context.Error.WriteLine("byol: " + message.Split('\n', 2)[0].Trim());
        return code;
    }
}
