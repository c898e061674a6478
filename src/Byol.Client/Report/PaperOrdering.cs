namespace Byol.Client.Report;

/// <summary>
/// Two rows the paper orders (<see cref="Above"/> has the higher figure) and Byol's difference between them:
/// positive when Byol orders them the same way.
/// </summary>
public sealed record PaperPair(PaperRowResult Above, PaperRowResult Below, double MeasuredDifference)
{
    public bool Agrees => MeasuredDifference > 0;
}

/// <summary>
/// Does Byol order the rows as the paper does? Over each pair of rows with a paper figure and a measurement, the pairs
/// whose paper figures differ by more than <see cref="TieTolerance"/> points, and whether Byol's values are in the same
/// order; pairs within the tolerance count as unordered (<see cref="TiedInPaper"/>).
/// </summary>
public sealed record PaperOrdering(IReadOnlyList<PaperPair> Pairs, int TiedInPaper)
{
    /// <summary>Paper figures this close (in points) are treated as a tie: the paper does not order them.</summary>
    public const double TieTolerance = 0.5;

    public int Agreeing => Pairs.Count(p => p.Agrees);

    public IReadOnlyList<PaperPair> Disagreeing => Pairs.Where(p => !p.Agrees).ToList();

    /// <summary>
    /// Kendall's tau over the pairs the paper orders: (same order - opposite order) / pairs; a measured tie counts as
    /// neither. Null without pairs.
    /// </summary>
    public double? KendallTau => Pairs.Count == 0
        ? null
        : (double)(Pairs.Count(p => p.MeasuredDifference > 0) - Pairs.Count(p => p.MeasuredDifference < 0)) / Pairs.Count;

    public static PaperOrdering Of(IReadOnlyList<PaperRowResult> rows)
    {
        var compared = rows.Where(r => r.Paper is not null && r.Compared is not null).ToList();
        var pairs = new List<PaperPair>();
        var tied = 0;
        for (var i = 0; i < compared.Count; i++)
        {
            for (var j = i + 1; j < compared.Count; j++)
            {
                var (a, b) = (compared[i], compared[j]);
                if (Math.Abs(a.Paper!.Value - b.Paper!.Value) <= TieTolerance)
                {
                    tied++;
                    continue;
                }
                var (above, below) = a.Paper > b.Paper ? (a, b) : (b, a);
                pairs.Add(new PaperPair(above, below, above.Compared!.Value - below.Compared!.Value));
            }
        }
        return new PaperOrdering(pairs, tied);
    }
}
