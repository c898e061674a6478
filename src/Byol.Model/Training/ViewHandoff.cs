namespace Byol.Model.Training;

/// <summary>
/// What the two lanes of one step hand each other (<see cref="ViewLanes"/>): each lane makes its own view and the
/// other lane's target forward reads it, so a lane publishes its view once made and waits for the other's before its
/// target forward. The second lane's tensors (its view, its batch-norm statistics) live in its own dispose scope, so
/// when it is done it waits until the training thread has merged the statistics, then frees them on its own thread.
/// If either lane fails, <see cref="Abandon"/> wakes every waiter, which then throws <see cref="LaneAbandonedException"/>.
/// </summary>
internal sealed class ViewHandoff : IDisposable
{
    private readonly ManualResetEventSlim view1Made = new(false, spinCount: 1);
    private readonly ManualResetEventSlim view2Made = new(false, spinCount: 1);
    private readonly ManualResetEventSlim secondLaneDone = new(false, spinCount: 1);
    private readonly ManualResetEventSlim merged = new(false, spinCount: 1);
    private volatile bool abandoned;
    private TorchSharp.torch.Tensor? view1;
    private TorchSharp.torch.Tensor? view2;

    public void PublishView1(TorchSharp.torch.Tensor view) { view1 = view; view1Made.Set(); }

    public void PublishView2(TorchSharp.torch.Tensor view) { view2 = view; view2Made.Set(); }

    public TorchSharp.torch.Tensor AwaitView1() { Await(view1Made); return view1!; }

    public TorchSharp.torch.Tensor AwaitView2() { Await(view2Made); return view2!; }

    /// <summary>The second lane has run its backward; its statistics are ready to merge.</summary>
    public void SecondLaneDone() => secondLaneDone.Set();

    public void AwaitSecondLaneDone() => Await(secondLaneDone);

    /// <summary>The training thread no longer reads the second lane's tensors.</summary>
    public void Merged() => merged.Set();

    public void AwaitMerged() => Await(merged);

    public void Abandon()
    {
        abandoned = true;
        view1Made.Set();
        view2Made.Set();
        secondLaneDone.Set();
        merged.Set();
    }

    private void Await(ManualResetEventSlim signal)
    {
        signal.Wait();
        if (abandoned)
            throw new LaneAbandonedException();
    }

    public void Dispose()
    {
        view1Made.Dispose();
        view2Made.Dispose();
        secondLaneDone.Dispose();
        merged.Dispose();
    }
}

/// <summary>The other lane of the step failed; its exception is the one to report.</summary>
internal sealed class LaneAbandonedException() : Exception("the other lane of the step failed");
