using Byol.Model.Runtime;

namespace Byol.Grains.Training;

/// <summary>
/// Runs long tensor work on a thread of its own, off the Orleans scheduler and the thread pool, and gives the native
/// heap's kept pages back when it ends (<see cref="NativeHeap.Trim"/>).
/// </summary>
public static class DedicatedThread
{
    public static Task<T> Run<T>(string name, Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { done.SetResult(work()); }
            catch (Exception e) { done.SetException(e); }
            finally { NativeHeap.Trim(); }
        }) { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }
}
