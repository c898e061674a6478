using TorchSharp;

namespace Byol.Model.Tests;

public sealed class TorchInitializesTests
{
    [Fact]
    public void Libtorch_loads_and_computes_on_this_host()
    {
        using var x = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        using var y = x.matmul(x.t());
        Assert.Equal(new float[] { 5, 14, 14, 50 }, y.data<float>().ToArray());
    }
}
