using TorchSharp;

namespace Byol.Model.Augmentations;

/// <summary>
/// Every uniform number one <see cref="ViewAugmenter.Apply"/> call needs, drawn in one call on the caller's CPU
/// generator as a [batch, columns] table: row = image, column = one random parameter. Each op owns a fixed block of
/// columns, so the same seed gives the same parameters whatever the device and whichever ops are enabled.
/// </summary>
internal sealed class UniformDraws
{
    private readonly double[] values;

    private UniformDraws(double[] values, int batch, int columns)
    {
        this.values = values;
        Batch = batch;
        Columns = columns;
    }

    public int Batch { get; }

    public int Columns { get; }

    /// <summary>U[0, 1) for <paramref name="image"/>'s parameter <paramref name="column"/>.</summary>
    public double this[int image, int column] => values[(image * Columns) + column];

    public static UniformDraws Draw(torch.Generator generator, int batch, int columns)
    {
        using var table = torch.rand([batch, columns], dtype: torch.float64, generator: generator);
        return new UniformDraws(table.data<double>().ToArray(), batch, columns);
    }

    /// <summary>Indices of the images whose draw in <paramref name="column"/> is below <paramref name="probability"/>.</summary>
    public List<long> Below(int column, double probability)
    {
        var chosen = new List<long>();
        for (var b = 0; b < Batch; b++)
        {
            if (this[b, column] < probability)
            {
                chosen.Add(b);
            }
        }

        return chosen;
    }

    /// <summary>lo + (hi - lo) * U for the given images.</summary>
    public float[] Uniform(IReadOnlyList<long> images, int column, double lo, double hi)
    {
        var result = new float[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            result[i] = (float)(lo + ((hi - lo) * this[(int)images[i], column]));
        }

        return result;
    }
}
