using System.Globalization;

namespace Byol.Model.Tests.Runtime;

/// <summary>
/// TorchSharp 0.107 lets the GC finalize an implicitly converted Scalar while the native op that reads it still runs
/// (dotnet/TorchSharp#1434); a cluster fault run failed a trial with libtorch's "Unknown scalar type" that way. Byol.Model
/// keeps every Scalar it passes alive; this runs its training steps and evaluators under nonstop garbage collection in
/// a child process with glibc capped at 2 arenas (as that run was; the variable only counts at process start). Before
/// the fix this loop failed 18 times in 138 steps (8 s), "Unknown scalar type" among the errors; after it, none in 400.
/// </summary>
public sealed class ScalarLifetimeTests
{
    /// <summary>Enough for the unfixed code to fail many times over (it failed about once in 8 steps).</summary>
    private const int MinimumSteps = 100;

    [Fact]
    public void Step_code_survives_garbage_collection_during_every_op()
    {
        var (exitCode, output) = TestAssemblyProcess.Run(
            [ScalarLifetimeStress.Command, "8", MinimumSteps.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?> { ["MALLOC_ARENA_MAX"] = "2" },
            TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
        var counts = output.Split('\n').Single(line => line.StartsWith("iterations ", StringComparison.Ordinal)).Split(' ');
        var (iterations, collections) = (long.Parse(counts[1]), long.Parse(counts[3]));
        Assert.True(iterations >= MinimumSteps && collections >= 100, $"too few steps or collections to tell:\n{output}");
    }
}
