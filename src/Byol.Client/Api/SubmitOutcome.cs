namespace Byol.Client.Api;

/// <summary>
/// The answer to a submission: accepted with the sweep's id and trial count, or refused with every reason (each
/// "yaml.path: message"); a refused sweep scheduled nothing.
/// </summary>
public sealed record SubmitOutcome(bool Accepted, string SweepId, int Trials, IReadOnlyList<string> Errors);
