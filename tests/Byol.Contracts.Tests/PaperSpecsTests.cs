using Byol.Contracts.Specs;

namespace Byol.Contracts.Tests;

/// <summary>The ready sweeps of the paper's claims (sweeps/paper) parse, and every row of their paper table names trials they run.</summary>
public sealed class PaperSpecsTests
{
    public static TheoryData<string, int> Files() => new()
    {
        { "tau.yaml", 10 },
        { "predictor.yaml", 8 },
        { "batch.yaml", 16 },
        { "colour.yaml", 12 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void SpecParsesAndEveryPaperRowMatchesTrialsOfEverySeed(string file, int trials)
    {
        var result = SpecParser.ParseFile(Path.Combine(PaperDirectory(), file), Specs.NoPathCheck);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var spec = result.Spec!;
        var plans = SearchExpander.Expand(spec);
        Assert.Equal(trials, plans.Count);
        Assert.All(plans, t => SpecResolver.Resolve(spec, t));
        Assert.NotNull(spec.Paper);
        Assert.All(spec.Paper!.Rows, row =>
            Assert.Equal(spec.Search.Seeds.Count, plans.Count(p => row.Matches(p.Params))));
    }

    [Fact]
    public void EveryFileUnderSweepsPaperIsListed()
    {
        var listed = Files().Select(row => (string)row[0]).Order(StringComparer.Ordinal);

        Assert.Equal(listed, Directory.GetFiles(PaperDirectory(), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ColourVariantsSetTheViewsTheClaimNames()
    {
        var spec = SpecParser.ParseFile(Path.Combine(PaperDirectory(), "colour.yaml"), Specs.NoPathCheck).Spec!;
        var plans = SearchExpander.Expand(spec);

        SweepSpec Resolved(string variant) =>
            SpecResolver.Resolve(spec, plans.First(p => p.Params["augmentations"].ToString() == variant));

        var full = Resolved("full").Train.Views;
        var noColour = Resolved("no_colour").Train.Views;
        var cropOnly = Resolved("crop_only").Train.Views;
        Assert.Equal(ViewsSpec.Paper, full);
        Assert.Equal(ViewsSpec.Paper with
        {
            View1 = ViewSpec.Paper1 with { JitterP = 0, GrayscaleP = 0 },
            View2 = ViewSpec.Paper2 with { JitterP = 0, GrayscaleP = 0 },
        }, noColour);
        var bare = new ViewSpec { Flip = 0, JitterP = 0, GrayscaleP = 0, BlurP = 0, SolarizeP = 0 };
        Assert.Equal(new ViewsSpec { View1 = bare, View2 = bare }, cropOnly);
    }

    [Fact]
    public void BatchVariantsKeepTheImagesSeenEqual()
    {
        var spec = SpecParser.ParseFile(Path.Combine(PaperDirectory(), "batch.yaml"), Specs.NoPathCheck).Spec!;

        var budgets = SearchExpander.Expand(spec)
            .Select(p => SpecResolver.Resolve(spec, p).Train)
            .Select(t => (long)t.BatchSize * t.Steps)
            .Distinct();

        Assert.Equal([7680L], budgets);
    }

    private static string PaperDirectory() => Specs.SweepsFolder("paper");
}
