using Byol.Contracts.Specs;

namespace Byol.Contracts.Grains;

/// <summary>
/// Runs on a silo (which has libtorch) what the client cannot: the trained encoder of a trial as a file, and
/// embeddings of a data source through an encoder file. Key: "{sweep}/{trial}" for export, anything for embed.
/// </summary>
[Alias("byol.IModelExportGrain")]
public interface IModelExportGrain : IGrainWithStringKey
{
    /// <summary>The encoder of the trial's latest valid checkpoint, in Byol's encoder file format ("BYOLENC1").</summary>
    [Alias("ExportEncoder")] Task<byte[]> ExportEncoder();

    /// <summary>CSV (index, label, f0..fN) of every image of the source through the encoder file, one row per image.</summary>
    [Alias("Embed")] Task<byte[]> Embed(byte[] encoderFile, DataSourceSpec source);
}
