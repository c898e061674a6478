namespace Byol.Grains.Slots;

/// <summary>Names of slot holders and grain keys: trainers "train:{sweep}/{trial}", evaluators "eval:{key}".</summary>
public static class TrainerKeys
{
    public const string Prefix = "train:";
    public const string EvaluationPrefix = "eval:";

    public static string TrainerGrainKey(string sweepId, string trialId) => $"{sweepId}/{trialId}";
    public static string TrainerHolder(string sweepId, string trialId) => Prefix + TrainerGrainKey(sweepId, trialId);
    public static string EvaluationHolder(string evaluatorKey) => EvaluationPrefix + evaluatorKey;
    public static string GrainKey(string holder) => holder[(holder.IndexOf(':') + 1)..];
}
