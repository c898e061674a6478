using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Byol.Grains.Checkpoints;

/// <summary>
/// Rides out storage outages ("Blob storage unreachable for a while: training goes on, checkpoint writes retry with
/// backoff, nothing is lost", DESIGN.md): retries transient failures (<see cref="TransientFailure"/>) with exponential
/// backoff and jitter for up to <c>retryFor</c> in total, then rethrows the last error. Fencing and checksum failures
/// are never retried. Every store operation is idempotent, so a retried write that had in fact succeeded is harmless.
/// </summary>
public sealed class RetryingCheckpointStore : ICheckpointStore
{
    private static readonly ResiliencePropertyKey<long> StartedAt = new("byol.checkpoints.started-at");
    private readonly ICheckpointStore _inner;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _pipeline;

    public RetryingCheckpointStore(ICheckpointStore inner, ILogger logger, TimeSpan retryFor, RetryBackoff? backoff = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryFor, TimeSpan.Zero);
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? TimeProvider.System;
        RetryFor = retryFor;
        Backoff = backoff ?? new RetryBackoff();
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e
                    && TransientFailure.IsTransient(e, args.Context.CancellationToken)
                    && Elapsed(args.Context) < RetryFor),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    Backoff.Delay(args.AttemptNumber, RetryFor - Elapsed(args.Context), Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    LogRetry(args);
                    return default;
                },
            })
            .Build();
    }

    public TimeSpan RetryFor { get; }

    public RetryBackoff Backoff { get; }

    public Task<CheckpointRef> WriteAsync(string sweepId, string trialId, long step, long fence, ReadOnlyMemory<byte> payload, CancellationToken ct) =>
        ExecuteAsync("write", c => _inner.WriteAsync(sweepId, trialId, step, fence, payload, c), ct);

    public Task<LoadedCheckpoint?> ReadLatestAsync(string sweepId, string trialId, CancellationToken ct) =>
        ExecuteAsync("read-latest", c => _inner.ReadLatestAsync(sweepId, trialId, c), ct);

    public Task<LoadedCheckpoint?> ReadAsync(CheckpointRef reference, CancellationToken ct) =>
        ExecuteAsync("read", c => _inner.ReadAsync(reference, c), ct);

    public Task<IReadOnlyList<CheckpointRef>> ListAsync(string sweepId, string trialId, CancellationToken ct) =>
        ExecuteAsync("list", c => _inner.ListAsync(sweepId, trialId, c), ct);

    public Task PruneAsync(string sweepId, string trialId, RetentionPolicy policy, CancellationToken ct) =>
        ExecuteAsync("prune", async c =>
        {
            await _inner.PruneAsync(sweepId, trialId, policy, c).ConfigureAwait(false);
            return true;
        }, ct);

    private async Task<T> ExecuteAsync<T>(string operation, Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(operation, ct);
        context.Properties.Set(StartedAt, _time.GetTimestamp());
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, act) => await act(ctx.CancellationToken).ConfigureAwait(false), context, action).ConfigureAwait(false);
        }
        catch (Exception e) when (TransientFailure.IsTransient(e, ct))
        {
            _logger.LogError("Checkpoint {Operation} gave up after {Elapsed:F1} s (retry budget {RetryFor:F0} s): {Error}",
                operation, Elapsed(context).TotalSeconds, RetryFor.TotalSeconds, Describe(e));
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private TimeSpan Elapsed(ResilienceContext context) =>
        _time.GetElapsedTime(context.Properties.GetValue(StartedAt, _time.GetTimestamp()));

    private void LogRetry(OnRetryArguments<object> args) =>
        _logger.LogWarning(
            "Checkpoint {Operation} failed ({Error}); retry {Attempt} in {Delay:F0} ms, {Elapsed:F1} s of {RetryFor:F0} s retry budget spent",
            args.Context.OperationKey, args.Outcome.Exception is { } e ? Describe(e) : "no result", args.AttemptNumber + 1,
            args.RetryDelay.TotalMilliseconds, Elapsed(args.Context).TotalSeconds, RetryFor.TotalSeconds);

    /// <summary>Type and first line of the message, with secrets redacted (never the connection string).</summary>
    private static string Describe(Exception e)
    {
        var message = e.Message.AsSpan();
        var newline = message.IndexOfAny('\r', '\n');
        var firstLine = newline >= 0 ? message[..newline].ToString() : e.Message;
        return SecretRedactor.Redact($"{e.GetType().Name}: {firstLine}");
    }
}
