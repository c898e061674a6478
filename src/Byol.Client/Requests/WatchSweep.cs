using System.Runtime.CompilerServices;
using Byol.Client.Api;
using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;
using Mediator;

namespace Byol.Client.Requests;

/// <summary>
/// The views of a sweep as the experiment grain pushes them, until it ends. The first comes at once (the grain
/// pushes its view on subscribe); the subscription is renewed every <paramref name="Resubscribe"/> (60 s by default)
/// so that a grain reactivated elsewhere, which has forgotten its observers, pushes again. No polling.
/// </summary>
public sealed record WatchSweep(string SweepId, TimeSpan? Resubscribe = null) : IStreamQuery<SweepView>;

public sealed class WatchSweepHandler(IGrainFactory grains) : IStreamQueryHandler<WatchSweep, SweepView>
{
    public static readonly TimeSpan DefaultResubscribe = TimeSpan.FromSeconds(60);

    public async IAsyncEnumerable<SweepView> Handle(WatchSweep query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var observer = new SweepObserver();
        var reference = grains.CreateObjectReference<ISweepObserver>(observer);
        var experiment = grains.GetGrain<IExperimentGrain>(query.SweepId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? renewing = null;
        try
        {
            await experiment.Subscribe(reference).WaitAsync(cancellationToken); // fails for an unknown id
            renewing = Renew(experiment, reference, query.Resubscribe ?? DefaultResubscribe, stop.Token);
            await foreach (var view in observer.Views.ReadAllAsync(cancellationToken))
            {
                yield return view;
                if (view.State.HasEnded())
                    yield break;
            }
        }
        finally
        {
            await stop.CancelAsync();
            if (renewing is not null)
                await renewing;
            await Unsubscribe(experiment, reference);
            grains.DeleteObjectReference<ISweepObserver>(reference);
        }
    }

    private static async Task Renew(IExperimentGrain experiment, ISweepObserver reference, TimeSpan period, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
            {
                try { await experiment.Subscribe(reference).WaitAsync(cancellation); }
                catch (Exception e) when (e is not OperationCanceledException) { /* the cluster is failing over; the next tick retries */ }
            }
        }
        catch (OperationCanceledException) { }
    }

    private static async Task Unsubscribe(IExperimentGrain experiment, ISweepObserver reference)
    {
        try { await experiment.Unsubscribe(reference).WaitAsync(TimeSpan.FromSeconds(3)); }
        catch (Exception) { /* the grain drops observers that stop answering */ }
    }
}
