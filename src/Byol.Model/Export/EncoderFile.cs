using TorchSharp;
using System.Text;
using System.Text.Json;
using Byol.Model.Networks;
using Byol.Model.Training;
using static TorchSharp.torch;

namespace Byol.Model.Export;

/// <summary>What a user needs to run an exported encoder on new images.</summary>
public sealed record EncoderMetadata(string Encoder, int InChannels, int ImageSize, float[] Mean, float[] Std, int RepresentationSize);

/// <summary>
/// The trained encoder alone (no projector, predictor or target): magic "BYOLENC1", JSON metadata, the weights.
/// </summary>
public static class EncoderFile
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("BYOLENC1");

    public static void Write(Stream destination, ResNetEncoder encoder, int imageSize, InputNormalization normalization)
    {
        var metadata = new EncoderMetadata(encoder.Architecture.Name, encoder.InChannels, imageSize,
            normalization.Mean.ToArray(), normalization.Std.ToArray(), encoder.RepresentationSize);
        using var w = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(JsonSerializer.Serialize(metadata));
        encoder.save(w);
    }

    public static (ResNetEncoder Encoder, EncoderMetadata Metadata) Read(Stream source, Device? device = null)
    {
        using var r = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException("not a Byol encoder file (bad magic)");
        var metadata = JsonSerializer.Deserialize<EncoderMetadata>(r.ReadString())
            ?? throw new InvalidDataException("encoder file has no metadata");
        using var unused = new Generator(0); // the initial weights are replaced by the file's next
        var encoder = new ResNetEncoder(ResNetArchitecture.FromName(metadata.Encoder), metadata.InChannels, unused);
        encoder.load(r, strict: true);
        encoder.to(device ?? CPU);
        encoder.eval();
        return (encoder, metadata);
    }
}
