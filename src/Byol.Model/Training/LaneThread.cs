using System.Runtime.ExceptionServices;
using Byol.Model.Runtime;

namespace Byol.Model.Training;

/// <summary>
/// A thread of a training run's own that runs one piece of a step at a time for the thread that owns the run, with
/// its own share of libtorch's intra-op threads. The owner hands it work with <see cref="Start"/> and waits for it
/// with <see cref="Wait"/>, which rethrows what the work threw; between steps it sleeps.
/// </summary>
internal sealed class LaneThread : IDisposable
{
    private readonly Thread thread;
    private readonly SemaphoreSlim started = new(0);
    private readonly SemaphoreSlim finished = new(0);
    private readonly int intraOpThreads;
    private Action? work;
    private Exception? failure;
    private bool busy;
    private volatile bool stopping;

    public LaneThread(string name, int intraOpThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        this.intraOpThreads = intraOpThreads;
        thread = new Thread(Loop) { IsBackground = true, Name = name };
        thread.Start();
    }

    public void Start(Action work)
    {
        ObjectDisposedException.ThrowIf(stopping, this);
        if (busy)
            throw new InvalidOperationException("the lane is still running the previous work");
        busy = true;
        this.work = work;
        started.Release();
    }

    /// <summary>Waits for the work given to <see cref="Start"/>; rethrows its exception.</summary>
    public void Wait()
    {
        if (!busy)
            return;
        finished.Wait();
        busy = false;
        if (failure is { } e)
        {
            failure = null;
            ExceptionDispatchInfo.Throw(e);
        }
    }

    private void Loop()
    {
        CallingThreadParallelism.TrySet(intraOpThreads);
        while (true)
        {
            started.Wait();
            if (stopping)
                return;
            try { work!(); }
            catch (Exception e) { failure = e; }
            finally
            {
                work = null;
                finished.Release();
            }
        }
    }

    public void Dispose()
    {
        if (stopping)
            return;
        try { Wait(); } catch (Exception) { /* the step that started it has failed already */ }
        stopping = true;
        started.Release();
        thread.Join();
        started.Dispose();
        finished.Dispose();
    }
}
