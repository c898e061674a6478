using System.Text.Json.Nodes;

namespace Byol.Grains.Tests.Deploy;

/// <summary>
/// The silo's runtimeconfig (build/ThreadPool.targets): its thread pool keeps one worker busy at a time and idle
/// workers sleep without spinning, so Orleans' messaging does not wake threads onto the cores CPU training fills.
/// </summary>
public sealed class SiloRuntimeConfigTests
{
    private static JsonObject Properties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Byol.Silo.runtimeconfig.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!;
        return config["runtimeOptions"]!["configProperties"]!.AsObject();
    }

    [Fact]
    public void The_silo_thread_pool_aims_at_one_busy_worker_without_hill_climbing()
    {
        var properties = Properties();
        Assert.Equal(1, properties["System.Threading.ThreadPool.MinThreads"]!.GetValue<int>());
        Assert.True(properties["System.Threading.ThreadPool.HillClimbing.Disable"]!.GetValue<bool>());
    }

    [Fact]
    public void The_silo_thread_pool_workers_do_not_spin_before_sleeping()
    {
        Assert.Equal(0, Properties()["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]!.GetValue<int>());
    }
}
