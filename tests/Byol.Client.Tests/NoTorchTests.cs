using Byol.Client.Tests.Cluster;

namespace Byol.Client.Tests;

/// <summary>The client must not need libtorch: its build output holds no TorchSharp or libtorch file.</summary>
public sealed class NoTorchTests
{
    [Fact]
    public void The_client_output_has_no_libtorch_or_torchsharp()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var bin = Path.Combine(TestSpecs.RepoRoot, "src", "Byol.Client", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(bin, "byol.dll")), $"no client build in {bin}");
        var torch = Directory.EnumerateFiles(bin, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Contains("torch", StringComparison.OrdinalIgnoreCase)
                        || Path.GetFileName(f).Contains("Byol.Model", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Empty(torch);
        var deps = File.ReadAllText(Path.Combine(bin, "byol.deps.json"));
        Assert.DoesNotContain("TorchSharp", deps, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("libtorch", deps, StringComparison.OrdinalIgnoreCase);
    }
}
