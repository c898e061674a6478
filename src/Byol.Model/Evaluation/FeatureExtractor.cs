using Byol.Model.Data;
using Byol.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Evaluation;

/// <summary>
/// Frozen features of a labelled split: every image resized to the training view size, standardized with the
/// training statistics, passed through a network in eval mode (batch-norm running statistics), on the CPU result.
/// </summary>
public static class FeatureExtractor
{
    private static readonly Scalar ByteMax = 255f.ToScalar(); // kept alive for every op that reads it (see Runtime.Scalars)

    public static Tensor Extract(nn.Module<Tensor, Tensor> network, ImageSet images, int imageSize,
        InputNormalization normalization, Device device, int batchSize = 512)
    {
        var wasTraining = network.training;
        network.eval();
        try
        {
            using var _ = no_grad();
            var chunks = new List<Tensor>();
            for (var start = 0; start < images.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var indices = Enumerable.Range(start, Math.Min(batchSize, images.Count - start)).ToArray();
                var batch = Prepare(images.ToTensor(indices, device), imageSize, normalization);
                chunks.Add(network.call(batch).to(CPU).MoveToOuterDisposeScope());
            }
            var all = cat(chunks, 0);
            foreach (var c in chunks)
                c.Dispose();
            return all;
        }
        finally
        {
            network.train(wasTraining);
        }
    }

    /// <summary>Raw pixels in [0, 1], flattened: the baseline features.</summary>
    public static Tensor RawPixels(ImageSet images)
    {
        using var scope = NewDisposeScope();
        var indices = Enumerable.Range(0, images.Count).ToArray();
        return images.ToTensor(indices).to_type(ScalarType.Float32).div(ByteMax).flatten(1).MoveToOuterDisposeScope();
    }

    /// <summary>uint8 [B,C,H,W] to standardized float views of side <paramref name="imageSize"/>.</summary>
    public static Tensor Prepare(Tensor images, int imageSize, InputNormalization normalization)
    {
        using var scope = NewDisposeScope();
        var x = images.to_type(ScalarType.Float32).div(ByteMax);
        if (x.shape[2] != imageSize || x.shape[3] != imageSize)
            x = nn.functional.interpolate(x, [imageSize, imageSize], mode: InterpolationMode.Bilinear, align_corners: false);
        return normalization.Apply(x).MoveToOuterDisposeScope();
    }

    public static Tensor Labels(ImageSet images) => images.LabelTensor(Enumerable.Range(0, images.Count).ToArray());
}
