using System.Globalization;
using System.Text;

namespace Byol.Grains.Checkpoints;

/// <summary>
/// The per-trial <c>fence</c> file, held open with <see cref="FileShare.None"/> (an exclusive lock on Linux and
/// Windows, across processes too) for the duration of one checkpoint write, which makes fence compare-and-raise
/// and the write itself one critical section.
/// </summary>
internal sealed class FileFenceLock : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private readonly FileStream _stream;

    private FileFenceLock(FileStream stream) => _stream = stream;

    public static async Task<FileFenceLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileFenceLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(path))
            {
                await Task.Delay(PollInterval, ct).ConfigureAwait(false);
            }
            catch (IOException e) when (File.Exists(path))
            {
                throw new TimeoutException($"Fence lock {path} still held by another writer after {timeout}.", e);
            }
        }
    }

    /// <summary>The stored fence, or null when no writer has written yet.</summary>
    public async Task<long?> ReadAsync(CancellationToken ct)
    {
        _stream.Position = 0;
        var buffer = new byte[64];
        var read = await _stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        var text = Encoding.ASCII.GetString(buffer, 0, read).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fence)
            ? fence
            : throw new InvalidDataException($"Fence file {_stream.Name} holds '{text}', not a number.");
    }

    public async Task WriteAsync(long fence, CancellationToken ct)
    {
        var bytes = Encoding.ASCII.GetBytes(fence.ToString(CultureInfo.InvariantCulture));
        _stream.SetLength(0);
        _stream.Position = 0;
        await _stream.WriteAsync(bytes, ct).ConfigureAwait(false);
        _stream.Flush(flushToDisk: true);
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
