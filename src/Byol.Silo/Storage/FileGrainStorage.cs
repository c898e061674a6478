using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Byol.Silo.Storage;

/// <summary>
/// Grain state as files under a directory: the zero-configuration store, so that sweeps survive a restart of a
/// single-machine cluster. One file per grain, written atomically (temp file + rename), with an ETag that rejects
/// a write from a stale activation.
/// </summary>
public sealed class FileGrainStorage(string directory, Serializer serializer) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Locked(PathOf(stateName, grainId), async path =>
        {
            if (!File.Exists(path))
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }
            var (etag, state) = Decode<T>(await File.ReadAllBytesAsync(path));
            grainState.State = state;
            grainState.ETag = etag;
            grainState.RecordExists = true;
        });

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Locked(PathOf(stateName, grainId), async path =>
        {
            var current = File.Exists(path) ? ReadEtag(await File.ReadAllBytesAsync(path)) : null;
            if (current != grainState.ETag)
                throw new InconsistentStateException($"state of {grainId} was written by another activation", current, grainState.ETag);
            var etag = Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
            await File.WriteAllBytesAsync(temp, Encode(etag, grainState.State));
            File.Move(temp, path, overwrite: true);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        });

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Locked(PathOf(stateName, grainId), path =>
        {
            File.Delete(path);
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
            return Task.CompletedTask;
        });

    /// <summary>One operation at a time per state file within this process.</summary>
    private static async Task Locked(string path, Func<string, Task> operation)
    {
        var gate = Locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            await operation(path);
        }
        finally
        {
            gate.Release();
        }
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        var name = Uri.EscapeDataString($"{grainId.Type}-{grainId.Key}");
        return Path.Combine(directory, stateName, name + ".bin");
    }

    private byte[] Encode<T>(string etag, T state)
    {
        var body = serializer.SerializeToArray(state);
        var tag = System.Text.Encoding.ASCII.GetBytes(etag);
        var bytes = new byte[1 + tag.Length + body.Length];
        bytes[0] = (byte)tag.Length;
        tag.CopyTo(bytes, 1);
        body.CopyTo(bytes, 1 + tag.Length);
        return bytes;
    }

    private static string ReadEtag(byte[] bytes) => System.Text.Encoding.ASCII.GetString(bytes, 1, bytes[0]);

    private (string Etag, T State) Decode<T>(byte[] bytes)
    {
        var etag = ReadEtag(bytes);
        var state = serializer.Deserialize<T>(bytes.AsMemory(1 + bytes[0]))!;
        return (etag, state);
    }
}
