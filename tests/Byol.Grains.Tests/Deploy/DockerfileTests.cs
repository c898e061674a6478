namespace Byol.Grains.Tests.Deploy;

/// <summary>The Dockerfiles cannot be built here (no container engine); their essentials are checked as text.</summary>
public sealed class DockerfileTests
{
    private static string Read(string name) => File.ReadAllText(YamlDocs.DeployPath(name));

    [Theory]
    [InlineData("Dockerfile.silo")]
    [InlineData("Dockerfile.silo-cuda")]
    [InlineData("Dockerfile.client")]
    public void Images_are_multi_stage(string name)
    {
        var text = Read(name);
        Assert.Contains("AS build", text);
        Assert.Contains("COPY --from=build", text);
    }

    [Fact]
    public void The_cuda_silo_swaps_torch_backends_by_a_build_property_and_says_it_is_not_built_here()
    {
        var text = Read("Dockerfile.silo-cuda");
        Assert.Contains("-p:TorchBackend=cuda", text);
        Assert.Contains("NOT BUILT OR TESTED HERE", text);
        Assert.Contains("Silo__Accelerator=cuda", text);
    }

    [Fact]
    public void The_client_image_has_no_torch()
    {
        var text = Read("Dockerfile.client");
        Assert.DoesNotContain("Byol.Model", text);
        Assert.DoesNotContain("Byol.Silo", text);
    }
}
