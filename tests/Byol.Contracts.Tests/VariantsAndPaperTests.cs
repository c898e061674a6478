using Byol.Contracts.Specs;

namespace Byol.Contracts.Tests;

/// <summary>Variants axes of search.space and the paper: block: what they bind, how trials resolve, what they reject.</summary>
public sealed class VariantsAndPaperTests
{
    private const string Head = """
        name: v
        data:
          train: { kind: idx, path: /data, split: train }
          eval:  { kind: idx, path: /data, split: test }
        train: { steps: 100 }
        """;

    private static SpecParseResult Parse(string tail) => SpecParser.Parse(Head + "\n" + tail, Specs.NoPathCheck);

    [Fact]
    public void VariantsAxisExpandsToItsNamesAndResolvesEachToItsSettings()
    {
        var result = Parse("""
            search:
              space:
                train.tau_base: [0.9, 0.99]
                budget:
                  variants:
                    small: { train.batch_size: 32, train.steps: 80 }
                    large: { train.batch_size: 256, train.steps: 10 }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var plans = SearchExpander.Expand(result.Spec!);
        Assert.Equal(
            ["train.tau_base=0.9 budget=small", "train.tau_base=0.9 budget=large", "train.tau_base=0.99 budget=small", "train.tau_base=0.99 budget=large"],
            plans.Select(p => p.Params.ToString()));
        var large = SpecResolver.Resolve(result.Spec!, plans[3]);
        Assert.Equal((256, 10, 0.99), (large.Train.BatchSize, large.Train.Steps, large.Train.TauBase));
        Assert.Equal(4, SearchExpander.Count(result.Spec!));
    }

    [Fact]
    public void EmptyVariantKeepsTheSpecAndBothAppliesToEachView()
    {
        var result = Parse("""
            search:
              space:
                views:
                  variants:
                    full: ~
                    plain: { train.views.both.blur_p: 0.0 }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var plans = SearchExpander.Expand(result.Spec!);
        Assert.Equal(result.Spec!.Train, SpecResolver.Resolve(result.Spec!, plans[0]).Train);
        var plain = SpecResolver.Resolve(result.Spec!, plans[1]).Train.Views;
        Assert.Equal((0.0, 0.0), (plain.View1.BlurP, plain.View2.BlurP));
    }

    [Theory]
    [InlineData("train.steps:\n      variants: { a: { train.batch_size: 32 } }", "search.space.train.steps", "name of its own")]
    [InlineData("b:\n      variants: { a: { train.batch_sise: 32 } }", "search.space.b.variants.a.train.batch_sise", "unknown field")]
    [InlineData("b:\n      variants: { a: { train.batch_size: 1 } }", "search.space.b.variants.a.train.batch_size", ">= 2")]
    [InlineData("b:\n      variants: []", "search.space.b.variants", "expected a mapping")]
    [InlineData("train.batch_size: [32, 64]\n    b:\n      variants: { a: { train.batch_size: 32 } }", "search.space.b", "also sets")]
    public void BadVariantsAreReportedAtTheirPath(string axis, string path, string message)
    {
        var result = Parse("search:\n  space:\n    " + axis);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void PaperBlockBindsRowsTypedAsTheirAxes()
    {
        var result = Parse("""
            search:
              space:
                train.tau_base: [0.0, 1.0]
                budget: { variants: { "256": {}, "32": { train.batch_size: 32 } } }
            paper:
              source: Table 5(a)
              claim: tau 0 collapses
              setting: ImageNet
              metric: knn_top1
              relative_to: { budget: "256" }
              rows:
                - { label: collapse, match: { train.tau_base: 0, budget: 32 }, value: 0.3 }
                - { match: { train.tau_base: 1 }, value: ~ }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var paper = result.Spec!.Paper!;
        Assert.Equal(("Table 5(a)", "tau 0 collapses", "ImageNet", ObjectiveMetric.KnnTop1), (paper.Source, paper.Claim, paper.Setting, paper.Metric));
        Assert.Equal(new ParamMap([new("budget", ParamValue.Of("256"))]), paper.RelativeTo);
        Assert.Equal(new PaperRow { Label = "collapse", Match = new ParamMap([new("train.tau_base", ParamValue.Of(0.0)), new("budget", ParamValue.Of("32"))]), Value = 0.3 }, paper.Rows[0]);
        Assert.Equal(new PaperRow { Label = "train.tau_base=1.0", Match = new ParamMap([new("train.tau_base", ParamValue.Of(1.0))]), Value = null }, paper.Rows[1]);
        Assert.True(paper.Rows[0].Matches(new Dictionary<string, ParamValue> { ["train.tau_base"] = 0.0, ["budget"] = "32" }));
        Assert.False(paper.Rows[0].Matches(new Dictionary<string, ParamValue> { ["train.tau_base"] = 0.0, ["budget"] = "256" }));
    }

    [Theory]
    [InlineData("rows: [ { match: { train.steps: 5 }, value: 1 } ]", "paper.rows[0].match.train.steps", "not an axis")]
    [InlineData("rows: [ { match: { train.tau_base: 0.5 }, value: 1 } ]", "paper.rows[0].match.train.tau_base", "not among")]
    [InlineData("rows: [ { value: 1 } ]", "paper.rows[0].match", "is required")]
    [InlineData("rows: [ { match: { train.tau_base: 0.0 }, value: high } ]", "paper.rows[0].value", "expected a number")]
    [InlineData("rows: []", "paper.rows", "at least one row")]
    [InlineData("sauce: x\n  rows: [ { match: { train.tau_base: 0.0 } } ]", "paper.sauce", "did you mean 'source'")]
    public void BadPaperBlocksAreReportedAtTheirPath(string body, string path, string message)
    {
        var result = Parse("search:\n  space:\n    train.tau_base: [0.0, 1.0]\npaper:\n  " + body);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }
}
