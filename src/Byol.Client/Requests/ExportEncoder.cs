using Byol.Contracts.Grains;
using Mediator;

namespace Byol.Client.Requests;

/// <summary>The trained encoder of a trial (its latest valid checkpoint), as Byol's encoder file ("BYOLENC1").</summary>
public sealed record ExportEncoder(string SweepId, string TrialId) : IQuery<byte[]>;

public sealed class ExportEncoderHandler(IGrainFactory grains) : IQueryHandler<ExportEncoder, byte[]>
{
    public async ValueTask<byte[]> Handle(ExportEncoder query, CancellationToken cancellationToken) =>
        await grains.GetGrain<IModelExportGrain>($"{query.SweepId}/{query.TrialId}").ExportEncoder().WaitAsync(cancellationToken);
}
