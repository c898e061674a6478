using System.Net.Sockets;
using Azure;
using Byol.Grains.Checkpoints;

namespace Byol.Grains.Tests.Checkpoints;

public sealed class TransientFailureTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    public void StorageStatus_DecidesTransience(int status, bool transient) =>
        Assert.Equal(transient, TransientFailure.IsTransient(new RequestFailedException(status, "x")));

    [Fact]
    public void NetworkFailures_AreTransient()
    {
        Assert.True(TransientFailure.IsTransient(new HttpRequestException("refused")));
        Assert.True(TransientFailure.IsTransient(new SocketException()));
        Assert.True(TransientFailure.IsTransient(new IOException()));
        Assert.True(TransientFailure.IsTransient(new TimeoutException()));
        Assert.True(TransientFailure.IsTransient(new TaskCanceledException("network timeout")));
        Assert.True(TransientFailure.IsTransient(new AggregateException(new RequestFailedException(0, "a"), new HttpRequestException("b"))));
    }

    [Fact]
    public void FencingChecksumAndCallerCancellation_AreNot()
    {
        var reference = new CheckpointRef("s", "t", 1, new string('0', 64), 1, 1, DateTimeOffset.UnixEpoch);
        Assert.False(TransientFailure.IsTransient(new StaleWriterException("s", "t", 1, 2)));
        Assert.False(TransientFailure.IsTransient(new CorruptCheckpointException(reference, "x")));
        Assert.False(TransientFailure.IsTransient(new AggregateException(new IOException(), new InvalidOperationException())));
        Assert.False(TransientFailure.IsTransient(new OperationCanceledException(), new CancellationToken(canceled: true)));
    }
}
