using System.Text.RegularExpressions;

namespace Byol.FaultRun;

/// <summary>What the silos' logs say about a trial: where and from which step each activation started, drains, corrupt checkpoints.</summary>
public static class SiloLogs
{
    public sealed record TrialStart(string Silo, long Step, long Fence);

    private static IEnumerable<string> Lines(IEnumerable<SiloProcess> silos) =>
        silos.SelectMany(s => s.Logs).Where(File.Exists).SelectMany(ReadShared);

    /// <summary>Reads a log that its silo may still be writing.</summary>
    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
            yield return line;
    }

    /// <summary>The latest start of the trial (highest fence), from every silo's logs.</summary>
    public static TrialStart? LatestStart(IEnumerable<SiloProcess> silos, string sweepId, string trialId)
    {
        var pattern = new Regex($@"Trial {Regex.Escape(sweepId)}/{Regex.Escape(trialId)} starts on (\S+) at step (\d+) \(fence (\d+)\)");
        return Lines(silos).Select(l => pattern.Match(l)).Where(m => m.Success)
            .Select(m => new TrialStart(m.Groups[1].Value, long.Parse(m.Groups[2].Value), long.Parse(m.Groups[3].Value)))
            .MaxBy(s => s.Fence);
    }

    public static bool Contains(IEnumerable<SiloProcess> silos, string text) => Lines(silos).Any(l => l.Contains(text, StringComparison.Ordinal));

    public static bool Drained(SiloProcess silo, string sweepId, string trialId) =>
        ReadShared(silo.Logs[^1]).Any(l => l.Contains($"Drained train:{sweepId}/{trialId} before shutdown", StringComparison.Ordinal));

    public static bool SkippedCorrupt(IEnumerable<SiloProcess> silos, string sweepId, string trialId, long step) =>
        Contains(silos, $"Checkpoint {sweepId}/{trialId}/step-{step:D9} is corrupt; resuming from an earlier one");

    /// <summary>Log files (of all silos, all incarnations) in which the secret occurs.</summary>
    public static IReadOnlyList<string> FilesContaining(IEnumerable<SiloProcess> silos, string secret) =>
        silos.SelectMany(s => s.Logs).Where(File.Exists)
            .Where(f => ReadShared(f).Any(l => l.Contains(secret, StringComparison.Ordinal))).ToList();
}
