using System.Globalization;

namespace Byol.Grains.Checkpoints;

/// <summary>The storage layout shared by every store: <c>{sweep}/{trial}/step-{n:D9}</c> and <c>{sweep}/{trial}/fence</c>.</summary>
public static class CheckpointKeys
{
    public const string StepPrefix = "step-";
    public const string FenceName = "fence";

    public static string Trial(string sweepId, string trialId)
    {
        ValidateId(sweepId, nameof(sweepId));
        ValidateId(trialId, nameof(trialId));
        return $"{sweepId}/{trialId}/";
    }

    public static string StepName(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return string.Create(CultureInfo.InvariantCulture, $"{StepPrefix}{step:D9}");
    }

    public static string Step(string sweepId, string trialId, long step) => Trial(sweepId, trialId) + StepName(step);

    public static string Fence(string sweepId, string trialId) => Trial(sweepId, trialId) + FenceName;

    /// <summary>Parses a name such as <c>step-000000200</c> (no directory part).</summary>
    public static bool TryParseStepName(string name, out long step)
    {
        step = 0;
        return name.StartsWith(StepPrefix, StringComparison.Ordinal)
            && name.Length > StepPrefix.Length
            && name.AsSpan(StepPrefix.Length).IndexOfAnyExceptInRange('0', '9') < 0
            && long.TryParse(name.AsSpan(StepPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out step);
    }

    /// <summary>Ids become path segments and blob-name segments, so they must be plain names.</summary>
    public static void ValidateId(string id, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, paramName);
        if (id is "." or ".." || id.Length > 200 || id.AsSpan().IndexOfAny('/', '\\') >= 0 || id.Any(char.IsControl))
        {
            throw new ArgumentException($"'{id}' is not a valid id: use 1-200 characters without '/', '\\' or control characters.", paramName);
        }
    }
}
