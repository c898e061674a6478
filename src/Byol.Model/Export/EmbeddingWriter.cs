using System.Globalization;
using Byol.Model.Data;
using Byol.Model.Evaluation;
using Byol.Model.Networks;
using Byol.Model.Training;
using static TorchSharp.torch;

namespace Byol.Model.Export;

/// <summary>Embeddings of every image of a data source as CSV: one row per image (index, label, then the features).</summary>
public static class EmbeddingWriter
{
    public static int Write(TextWriter destination, ResNetEncoder encoder, EncoderMetadata metadata, ImageSet images, Device? device = null)
    {
        device ??= CPU;
        using var normalization = new InputNormalization(metadata.Mean, metadata.Std, device);
        using var features = FeatureExtractor.Extract(encoder, images, metadata.ImageSize, normalization, device);
        var values = features.data<float>().ToArray();
        var width = (int)features.shape[1];
        destination.WriteLine("index,label," + string.Join(',', Enumerable.Range(0, width).Select(i => $"f{i}")));
        for (var row = 0; row < images.Count; row++)
        {
            destination.Write(row.ToString(CultureInfo.InvariantCulture));
            destination.Write(',');
            destination.Write(images.Labels[row].ToString(CultureInfo.InvariantCulture));
            for (var c = 0; c < width; c++)
            {
                destination.Write(',');
                destination.Write(values[row * width + c].ToString("R", CultureInfo.InvariantCulture));
            }
            destination.WriteLine();
        }
        return images.Count;
    }
}
