using Byol.Contracts.Cluster;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;

namespace Byol.Client.Api;

/// <summary>What the `byol` tool does, callable from .NET code. The grains stay the source of truth.</summary>
public interface IByolClient
{
    /// <summary>Submits a parsed spec; refused sweeps come back with every reason and schedule nothing.</summary>
    Task<SubmitOutcome> SubmitAsync(SweepSpec spec, CancellationToken cancellation = default);

    /// <summary>Parses and validates the spec file here, then submits it; spec errors come back with their YAML paths.</summary>
    Task<SubmitOutcome> SubmitAsync(string specPath, CancellationToken cancellation = default);

    Task<SweepView> GetAsync(string sweepId, CancellationToken cancellation = default);
    Task<IReadOnlyList<SweepSummary>> ListAsync(CancellationToken cancellation = default);

    /// <summary>Each view the cluster pushes, from now until the sweep ends (or the token is cancelled).</summary>
    IAsyncEnumerable<SweepView> WatchAsync(string sweepId, CancellationToken cancellation = default);

    Task<SweepView> CancelAsync(string sweepId, CancellationToken cancellation = default);
    Task<SweepView> PauseAsync(string sweepId, CancellationToken cancellation = default);
    Task<SweepView> ResumeAsync(string sweepId, CancellationToken cancellation = default);
    Task<SweepView> ExtendAsync(string sweepId, long steps, CancellationToken cancellation = default);
    Task<SweepResults> ResultsAsync(string sweepId, int? top = null, CancellationToken cancellation = default);
    Task<IReadOnlyList<SiloView>> ClusterAsync(CancellationToken cancellation = default);
    Task<byte[]> ExportEncoderAsync(string sweepId, string trialId, CancellationToken cancellation = default);
    Task<byte[]> EmbedAsync(byte[] encoderFile, DataSourceSpec source, CancellationToken cancellation = default);
}
