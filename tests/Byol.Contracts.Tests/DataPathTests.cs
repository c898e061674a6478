using Byol.Contracts.Specs;

namespace Byol.Contracts.Tests;

public sealed class DataPathTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("byol-spec-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void MissingPathIsAnError()
    {
        var yaml = "name: n\ndata: { train: { kind: idx, path: /no/such/dir }, eval: { kind: folder, path: /no/other } }";

        var errors = SpecParser.Parse(yaml).Errors.Select(e => e.ToString());

        Assert.Equal(["data.train.path: '/no/such/dir' does not exist", "data.eval.path: '/no/other' does not exist"], errors);
    }

    [Fact]
    public void RelativePathsAreTakenFromTheSpecDirectoryAndMadeAbsolute()
    {
        Directory.CreateDirectory(Path.Combine(directory, "images"));
        File.WriteAllText(Path.Combine(directory, "shard-0.tar"), "");
        var file = Path.Combine(directory, "spec.yaml");
        File.WriteAllText(file, "name: n\ndata: { train: { kind: folder, path: images }, eval: { kind: tar, path: ./shard-0.tar } }");

        var result = SpecParser.ParseFile(file);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(Path.Combine(directory, "images"), result.Spec!.Data.Train.Path);
        Assert.Equal(Path.Combine(directory, "shard-0.tar"), result.Spec.Data.Eval.Path);
    }

    [Fact]
    public void RelativeMissingPathIsReportedAsWritten()
    {
        var yaml = "name: n\ndata: { train: { kind: idx, path: nope }, eval: { kind: idx, path: az://container/x } }";

        var errors = SpecParser.Parse(yaml, new SpecParseOptions { BaseDirectory = directory }).Errors;

        Assert.Equal($"data.train.path: '{Path.Combine(directory, "nope")}' does not exist", Assert.Single(errors).ToString());
    }

    [Fact]
    public void MissingSpecFileIsAnError() =>
        Assert.Contains("does not exist", Assert.Single(SpecParser.ParseFile(Path.Combine(directory, "x.yaml")).Errors).Message);
}
