using Orleans.Concurrency;
using System.Text;
using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Byol.Grains.Checkpoints;
using Byol.Grains.Data;
using Byol.Grains.Training;
using Byol.Model.Export;
using Byol.Model.Training;

namespace Byol.Grains.Evaluation;

/// <summary>Exports a trial's encoder and computes embeddings on the silo, for a client without libtorch.</summary>
[StatelessWorker(1)]
public sealed class ModelExportGrain(ICheckpointStore store, DatasetCache datasets) : Grain, IModelExportGrain
{
    public async Task<byte[]> ExportEncoder()
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/');
        if (slash <= 0)
            throw new ArgumentException($"export key '{key}' is not '{{sweep}}/{{trial}}'");
        var (sweepId, trialId) = (key[..slash], key[(slash + 1)..]);
        var view = await GrainFactory.GetGrain<IExperimentGrain>(sweepId).Show();
        var trial = view.Trials.FirstOrDefault(t => t.Id == trialId)
            ?? throw new ArgumentException($"sweep '{sweepId}' has no trial '{trialId}'");
        var spec = await GrainFactory.GetGrain<IExperimentGrain>(sweepId).TrialSpec(trialId);
        var checkpoint = await store.ReadLatestAsync(sweepId, trialId, CancellationToken.None)
            ?? throw new InvalidOperationException($"trial {sweepId}/{trialId} has no checkpoint yet");
        return await DedicatedThread.Run($"byol-export {key}", () =>
        {
            var options = TrialConfiguration.Training(spec, trial.Seed);
            using var run = new TrainingRun(options, datasets.Get(TrialConfiguration.TrainData(spec)));
            run.Load(new MemoryStream(checkpoint.Payload));
            using var file = new MemoryStream();
            EncoderFile.Write(file, run.Networks.Online.Encoder, options.ImageSize, run.Normalization);
            return file.ToArray();
        });
    }

    public Task<byte[]> Embed(byte[] encoderFile, DataSourceSpec source) =>
        DedicatedThread.Run("byol-embed", () =>
        {
            var (encoder, metadata) = EncoderFile.Read(new MemoryStream(encoderFile));
            using (encoder)
            {
                var images = datasets.Get(TrialConfiguration.Source(source));
                using var text = new StringWriter();
                EmbeddingWriter.Write(text, encoder, metadata, images);
                return Encoding.UTF8.GetBytes(text.ToString());
            }
        });
}
