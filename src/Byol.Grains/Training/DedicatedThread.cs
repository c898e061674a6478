namespace Byol.Grains.Training;

/// <summary>Runs long tensor work on a thread of its own, off the Orleans scheduler and the thread pool.</summary>
public static class DedicatedThread
{
    public static Task<T> Run<T>(string name, Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { done.SetResult(work()); }
            catch (Exception e) { done.SetException(e); }
        }) { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }
}
