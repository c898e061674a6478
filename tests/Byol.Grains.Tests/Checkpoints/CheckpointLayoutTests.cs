using Byol.Grains.Checkpoints;

namespace Byol.Grains.Tests.Checkpoints;

public sealed class CheckpointLayoutTests
{
    [Fact]
    public void Key_IsSweepTrialAndZeroPaddedStep()
    {
        var reference = new CheckpointRef("tau-ablation", "t003", 1200, new string('0', 64), 1, 1, DateTimeOffset.UnixEpoch);
        Assert.Equal("tau-ablation/t003/step-000001200", reference.Key);
        Assert.Equal("tau-ablation/t003/fence", CheckpointKeys.Fence("tau-ablation", "t003"));
    }

    [Theory]
    [InlineData("step-000001200", true, 1200)]
    [InlineData("step-", false, 0)]
    [InlineData("step-12x", false, 0)]
    [InlineData("fence", false, 0)]
    public void StepNames_Parse(string name, bool ok, long step)
    {
        Assert.Equal(ok, CheckpointKeys.TryParseStepName(name, out var parsed));
        Assert.Equal(step, parsed);
    }

    [Fact]
    public void Backoff_GrowsExponentially_WithJitter_AndStopsAtTheBudget()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(50), backoff.Delay(0, TimeSpan.FromMinutes(1), 0));
        Assert.Equal(400, backoff.Delay(2, TimeSpan.FromMinutes(1), 0.999999).TotalMilliseconds, 0);
        Assert.Equal(1000, backoff.Delay(20, TimeSpan.FromMinutes(1), 0.999999).TotalMilliseconds, 0);
        Assert.Equal(TimeSpan.FromMilliseconds(30), backoff.Delay(20, TimeSpan.FromMilliseconds(30), 0.5));
    }
}
