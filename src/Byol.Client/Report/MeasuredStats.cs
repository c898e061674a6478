namespace Byol.Client.Report;

/// <summary>
/// What Byol measured for a group of completed trials (the seeds of one paper row): the paper's metric as mean and
/// sample standard deviation, in the paper's units (accuracies in percent points), and the kNN top-1 (percent) and
/// z_std means beside it.
/// </summary>
public sealed record MeasuredStats(IReadOnlyList<string> Trials, double? Mean, double? Sd, double? KnnMean, double? ZStdMean)
{
    public static MeasuredStats None { get; } = new([], null, null, null, null);

    public int N => Trials.Count;

    /// <summary>The mean and the sample standard deviation (n - 1 in the denominator; null below two values).</summary>
    public static (double? Mean, double? Sd) MeanAndSd(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            return (null, null);
        var mean = values.Average();
        if (values.Count < 2)
            return (mean, null);
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return (mean, Math.Sqrt(squares / (values.Count - 1)));
    }
}
