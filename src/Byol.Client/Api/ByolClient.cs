using Byol.Client.Connection;
using Byol.Client.Requests;
using Byol.Client.Specs;
using Byol.Contracts.Cluster;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Byol.Client.Api;

/// <summary>
/// The typed client: each call is a Mediator request whose handler talks to the grains. Make one with
/// <see cref="ConnectAsync(ClientClusterOptions?, CancellationToken)"/> (it owns its connection) or
/// <see cref="Create"/> over an Orleans client you already have.
/// </summary>
public sealed class ByolClient : IByolClient, IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly ClusterConnection? connection;
    private readonly ISender sender;

    private ByolClient(IGrainFactory grains, ClusterConnection? connection)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(grains);
        collection.AddMediator();
        services = collection.BuildServiceProvider();
        sender = services.GetRequiredService<ISender>();
        this.connection = connection;
    }

    /// <summary>A client over an existing Orleans client or grain factory (a co-hosted client, a test cluster's).</summary>
    public static ByolClient Create(IGrainFactory grains) => new(grains, null);

    /// <summary>Connects to the cluster the options name; throws <see cref="ClusterUnreachableException"/> within seconds when none answers.</summary>
    public static async Task<ByolClient> ConnectAsync(ClientClusterOptions? options = null, CancellationToken cancellation = default)
    {
        var connection = await ClusterConnection.ConnectAsync(options ?? new ClientClusterOptions(), cancellation);
        return new ByolClient(connection.Client, connection);
    }

    public async Task<SubmitOutcome> SubmitAsync(SweepSpec spec, CancellationToken cancellation = default) =>
        await sender.Send(new SubmitSweep(spec), cancellation);

    public async Task<SubmitOutcome> SubmitAsync(string specPath, CancellationToken cancellation = default)
    {
        var parsed = SpecFile.Read(specPath);
        if (!parsed.IsValid)
            return new SubmitOutcome(false, "", 0, parsed.Errors.Select(e => e.ToString()).ToList());
        return await SubmitAsync(parsed.Spec!, cancellation);
    }

    public async Task<SweepView> GetAsync(string sweepId, CancellationToken cancellation = default) =>
        await sender.Send(new ShowSweep(sweepId), cancellation);

    public async Task<IReadOnlyList<SweepSummary>> ListAsync(CancellationToken cancellation = default) =>
        await sender.Send(new ListSweeps(), cancellation);

    public IAsyncEnumerable<SweepView> WatchAsync(string sweepId, CancellationToken cancellation = default) =>
        WatchAsync(sweepId, null, cancellation);

    /// <summary><see cref="WatchAsync(string, CancellationToken)"/> with another re-subscription period.</summary>
    public IAsyncEnumerable<SweepView> WatchAsync(string sweepId, TimeSpan? resubscribe, CancellationToken cancellation = default) =>
        sender.CreateStream(new WatchSweep(sweepId, resubscribe), cancellation);

    public Task<SweepView> CancelAsync(string sweepId, CancellationToken cancellation = default) => Control(sweepId, SweepControl.Cancel, cancellation);
    public Task<SweepView> PauseAsync(string sweepId, CancellationToken cancellation = default) => Control(sweepId, SweepControl.Pause, cancellation);
    public Task<SweepView> ResumeAsync(string sweepId, CancellationToken cancellation = default) => Control(sweepId, SweepControl.Resume, cancellation);

    public async Task<SweepView> ExtendAsync(string sweepId, long steps, CancellationToken cancellation = default) =>
        await sender.Send(new ExtendSweep(sweepId, steps), cancellation);

    public async Task<SweepResults> ResultsAsync(string sweepId, int? top = null, CancellationToken cancellation = default) =>
        await sender.Send(new GetResults(sweepId, top), cancellation);

    public async Task<IReadOnlyList<SiloView>> ClusterAsync(CancellationToken cancellation = default) =>
        await sender.Send(new GetCluster(), cancellation);

    public async Task<byte[]> ExportEncoderAsync(string sweepId, string trialId, CancellationToken cancellation = default) =>
        await sender.Send(new ExportEncoder(sweepId, trialId), cancellation);

    public async Task<byte[]> EmbedAsync(byte[] encoderFile, DataSourceSpec source, CancellationToken cancellation = default) =>
        await sender.Send(new EmbedData(encoderFile, source), cancellation);

    private async Task<SweepView> Control(string sweepId, SweepControl action, CancellationToken cancellation) =>
        await sender.Send(new ControlSweep(sweepId, action), cancellation);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (connection is not null)
            await connection.DisposeAsync();
    }
}
