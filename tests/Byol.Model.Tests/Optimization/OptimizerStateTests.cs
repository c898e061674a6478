using Byol.Model.Optimization;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;

namespace Byol.Model.Tests.Optimization;

public sealed class OptimizerStateTests
{
    [Theory]
    [InlineData("lars")]
    [InlineData("sgd")]
    [InlineData("adamw")]
    public void Resumed_optimizer_takes_exactly_the_step_of_an_uninterrupted_one(string name)
    {
        var options = new OptimizerOptions { Name = name, WeightDecay = 0.01, TrustCoefficient = 0.02 };
        using var continuous = new Net(seed: 1);
        using var continuousOptimizer = TrainingOptimizers.Create(options, continuous.Named);
        continuous.TakeStep(continuousOptimizer, gradientSeed: 10, lr: 0.1);
        continuous.TakeStep(continuousOptimizer, gradientSeed: 11, lr: 0.1);

        using var state = new MemoryStream();
        continuousOptimizer.Save(new BinaryWriter(state));
        using var resumed = continuous.Copy();
        using var resumedOptimizer = TrainingOptimizers.Create(options, resumed.Named);
        state.Position = 0;
        resumedOptimizer.Load(new BinaryReader(state));
        Assert.Equal(2, resumedOptimizer.StepCount);

        continuous.TakeStep(continuousOptimizer, gradientSeed: 12, lr: 0.05);
        resumed.TakeStep(resumedOptimizer, gradientSeed: 12, lr: 0.05);
        for (var i = 0; i < continuous.Named.Count; i++)
        {
            Assert.True(
                Values(continuous.Named[i].Parameter).SequenceEqual(Values(resumed.Named[i].Parameter)),
                $"{continuous.Named[i].Name} differs after resuming");
        }

        using var fresh = continuous.Copy();
        using var freshOptimizer = TrainingOptimizers.Create(options, fresh.Named);
        fresh.TakeStep(freshOptimizer, gradientSeed: 13, lr: 0.05);
        continuous.TakeStep(continuousOptimizer, gradientSeed: 13, lr: 0.05);
        Assert.False(Values(continuous.Named[0].Parameter).SequenceEqual(Values(fresh.Named[0].Parameter)), "the state made no difference");
    }

    [Fact]
    public void Loading_a_state_with_another_parameter_count_throws()
    {
        using var net = new Net(seed: 1);
        using var optimizer = TrainingOptimizers.Create(new OptimizerOptions(), net.Named);
        using var state = new MemoryStream();
        optimizer.Save(new BinaryWriter(state));

        using var smaller = TrainingOptimizers.Create(new OptimizerOptions(), net.Named.Take(2).ToList());
        state.Position = 0;
        Assert.Throws<InvalidDataException>(() => smaller.Load(new BinaryReader(state)));
    }

    [Fact]
    public void Loading_a_state_with_another_shape_throws_and_changes_nothing()
    {
        using var net = new Net(seed: 1);
        using var optimizer = TrainingOptimizers.Create(new OptimizerOptions { Name = "sgd" }, net.Named);
        using var state = new MemoryStream();
        optimizer.Save(new BinaryWriter(state));

        using var other = new Parameter(torch.zeros(5, 4));
        var reshaped = net.Named.Select((p, i) => i == 0 ? (p.Name, other) : p).ToList();
        using var target = TrainingOptimizers.Create(new OptimizerOptions { Name = "sgd" }, reshaped);
        state.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => target.Load(new BinaryReader(state)));
        Assert.Contains("shape", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, target.StepCount);
    }

    [Fact]
    public void Loading_a_state_of_another_optimizer_kind_throws()
    {
        using var net = new Net(seed: 1);
        using var lars = TrainingOptimizers.Create(new OptimizerOptions { Name = "lars" }, net.Named);
        using var state = new MemoryStream();
        lars.Save(new BinaryWriter(state));
        using var sgd = TrainingOptimizers.Create(new OptimizerOptions { Name = "sgd" }, net.Named);
        state.Position = 0;
        Assert.Throws<InvalidDataException>(() => sgd.Load(new BinaryReader(state)));
    }

    private static float[] Values(torch.Tensor tensor) => tensor.detach().cpu().data<float>().ToArray();

    /// <summary>A linear layer plus a norm-like vector: three parameters, two excluded.</summary>
    private sealed class Net : IDisposable
    {
        public Net(int seed)
        {
            using var generator = new torch.Generator((ulong)seed);
            Named = [("w", new Parameter(torch.randn([3, 4], generator: generator))), ("b", new Parameter(torch.randn([3], generator: generator))),
                ("g", new Parameter(torch.randn([4], generator: generator)))];
        }

        private Net(IReadOnlyList<(string Name, Parameter Parameter)> named) => Named = named;

        public IReadOnlyList<(string Name, Parameter Parameter)> Named { get; }

        public Net Copy() => new(Named.Select(p => (p.Name, new Parameter(p.Parameter.detach().clone()))).ToList());

        public void TakeStep(ITrainingOptimizer optimizer, int gradientSeed, double lr)
        {
            optimizer.ZeroGrad();
            using (var scope = torch.NewDisposeScope())
            {
                var generator = new torch.Generator((ulong)gradientSeed);
                var x = torch.randn(new long[] { 8, 4 }, generator: generator);
                var y = x.mul(Named[2].Parameter).matmul(Named[0].Parameter.t()).add(Named[1].Parameter);
                y.pow(2).mean().backward();
            }

            optimizer.Step(lr);
        }

        public void Dispose()
        {
            foreach (var (_, parameter) in Named)
            {
                parameter.Dispose();
            }
        }
    }
}
