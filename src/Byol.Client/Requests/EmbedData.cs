using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Mediator;

namespace Byol.Client.Requests;

/// <summary>Embeddings (CSV: index, label, f0..fN) of a data source through an encoder file, computed on a silo.</summary>
public sealed record EmbedData(byte[] EncoderFile, DataSourceSpec Source) : IQuery<byte[]>;

public sealed class EmbedDataHandler(IGrainFactory grains) : IQueryHandler<EmbedData, byte[]>
{
    public async ValueTask<byte[]> Handle(EmbedData query, CancellationToken cancellationToken) =>
        await grains.GetGrain<IModelExportGrain>("embed-" + Guid.NewGuid().ToString("N")).Embed(query.EncoderFile, query.Source).WaitAsync(cancellationToken);
}
