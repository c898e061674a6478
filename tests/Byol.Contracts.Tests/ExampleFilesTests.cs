using Byol.Contracts.Specs;

namespace Byol.Contracts.Tests;

/// <summary>The example specs shipped under sweeps/examples parse and expand.</summary>
public sealed class ExampleFilesTests
{
    public static TheoryData<string> Files() => new(ExampleFiles());

    private static string[] ExampleFiles() =>
        Directory.GetFiles(Specs.SweepsFolder("examples"), "*.yaml").Order().ToArray();

    [Theory]
    [MemberData(nameof(Files))]
    public void ExampleParsesAndEveryTrialResolves(string file)
    {
        var result = SpecParser.ParseFile(file, Specs.NoPathCheck);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var trials = SearchExpander.Expand(result.Spec!);
        Assert.NotEmpty(trials);
        Assert.All(trials, t => SpecResolver.Resolve(result.Spec!, t));
    }

    [Fact]
    public void TauAblationFileIsTheDesignExample()
    {
        var file = ExampleFiles().Single(f => f.EndsWith("tau-ablation.yaml", StringComparison.Ordinal));

        var spec = SpecParser.ParseFile(file, Specs.NoPathCheck).Spec!;

        Assert.Equal(Specs.Valid(Specs.DesignExample) with { SourceYaml = null }, spec with { SourceYaml = null });
    }
}
