using Byol.Model.Evaluation;
using Byol.Model.Export;
using Byol.Model.Training;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Training;

public sealed class ExportTests
{
    [Fact]
    public void An_exported_encoder_gives_the_same_features_as_the_trained_one()
    {
        var options = TrainingFixtures.Small(steps: 3, batch: 16);
        using var run = new TrainingRun(options, TrainingFixtures.FashionTrain);
        run.Run(CancellationToken.None);
        var file = new MemoryStream();
        EncoderFile.Write(file, run.Networks.Online.Encoder, options.ImageSize, run.Normalization);

        var (encoder, metadata) = EncoderFile.Read(new MemoryStream(file.ToArray()));
        using (encoder)
        {
            Assert.Equal("small-resnet", metadata.Encoder);
            Assert.Equal(1, metadata.InChannels);
            Assert.Equal(28, metadata.ImageSize);
            Assert.Equal(64, metadata.RepresentationSize);
            var images = TrainingFixtures.FashionTest.Subset(Enumerable.Range(0, 50).ToArray());
            using var expected = FeatureExtractor.Extract(run.Networks.Online.Encoder, images, options.ImageSize, run.Normalization, CPU);
            using var normalization = new InputNormalization(metadata.Mean, metadata.Std, CPU);
            using var actual = FeatureExtractor.Extract(encoder, images, metadata.ImageSize, normalization, CPU);
            Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
        }
    }

    [Fact]
    public void Embeddings_are_one_csv_row_per_image_with_its_label()
    {
        using var run = new TrainingRun(TrainingFixtures.Small(steps: 1, batch: 8), TrainingFixtures.FashionTrain);
        var file = new MemoryStream();
        EncoderFile.Write(file, run.Networks.Online.Encoder, 28, run.Normalization);
        var (encoder, metadata) = EncoderFile.Read(new MemoryStream(file.ToArray()));
        var images = TrainingFixtures.FashionTest.Subset(Enumerable.Range(0, 20).ToArray());
        using var text = new StringWriter();

        var rows = EmbeddingWriter.Write(text, encoder, metadata, images);

        var lines = text.ToString().TrimEnd().Split('\n');
        Assert.Equal(20, rows);
        Assert.Equal(21, lines.Length);
        Assert.StartsWith("index,label,f0,f1,", lines[0]);
        Assert.Equal(2 + 64, lines[1].Split(',').Length);
        Assert.Equal($"0,{images.Labels[0]},", lines[1][..(lines[1].IndexOf(',', 2) + 1)]);
        encoder.Dispose();
    }

    [Fact]
    public void A_file_that_is_not_an_encoder_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => EncoderFile.Read(new MemoryStream("not an encoder"u8.ToArray())));
        Assert.Contains("not a Byol encoder file", e.Message);
    }
}
