using System.Threading.Channels;
using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;

namespace Byol.Client.Api;

/// <summary>The client side of a sweep subscription: every view the experiment grain pushes lands in a channel.</summary>
internal sealed class SweepObserver : ISweepObserver
{
    private readonly Channel<SweepView> views = Channel.CreateUnbounded<SweepView>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<SweepView> Views => views.Reader;

    public Task OnSweepChanged(SweepView view)
    {
        views.Writer.TryWrite(view);
        return Task.CompletedTask;
    }
}
