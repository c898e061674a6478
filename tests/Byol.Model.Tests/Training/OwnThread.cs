using Byol.Model.Runtime;

namespace Byol.Model.Tests.Training;

/// <summary>Runs a test body on a thread of its own with a set number of libtorch intra-op threads, as a silo's trainer runs.</summary>
internal static class OwnThread
{
    /// <summary>Runs <paramref name="test"/> on a new thread with <paramref name="intraOpThreads"/> intra-op threads; rethrows its failure.</summary>
    public static void Run(int intraOpThreads, Action test)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Assert.True(CallingThreadParallelism.TrySet(intraOpThreads), "per-thread intra-op threads are not supported by this libtorch");
                test();
            }
            catch (Exception e) { failure = e; }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }
}
