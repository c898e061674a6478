using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Byol.FaultRun;

/// <summary>
/// Submits the sweep the way a user does: `byol sweep submit SPEC --json`, the client reaching the cluster through
/// Azure Table with the `Cluster:*` keys in its environment (so the connection string is not on a command line).
/// </summary>
public static class ByolCliSubmit
{
    public sealed record Submitted(string Id, int Trials);

    public static async Task<Submitted> RunAsync(string byolDll, string specPath, string connectionString, string clusterId)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { byolDll, "sweep", "submit", specPath, "--json" })
            info.ArgumentList.Add(arg);
        info.Environment["Cluster__Provider"] = "AzureTable";
        info.Environment["Cluster__ConnectionString"] = connectionString;
        info.Environment["Cluster__ClusterId"] = clusterId;
        info.Environment["Cluster__ServiceId"] = clusterId;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the byol CLI");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"byol sweep submit exited {process.ExitCode}: {(await stderr).Trim()}");
        var json = JsonNode.Parse(await stdout) ?? throw new InvalidOperationException("byol sweep submit printed no JSON");
        if (json["accepted"]?.GetValue<bool>() != true)
            throw new InvalidOperationException("byol sweep submit: refused: " + json["errors"]?.ToJsonString());
        return new Submitted(json["id"]!.GetValue<string>(), json["trials"]!.GetValue<int>());
    }
}
