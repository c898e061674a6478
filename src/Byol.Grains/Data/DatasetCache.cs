using System.Collections.Concurrent;
using Byol.Model.Data;

namespace Byol.Grains.Data;

/// <summary>
/// Data sets loaded on this silo, shared by the trainers and evaluators that read the same source: each is
/// decoded once per silo. A source that fails to load is not cached, so a fixed path is picked up on retry.
/// </summary>
public sealed class DatasetCache
{
    private readonly ConcurrentDictionary<DataSourceOptions, Lazy<ImageSet>> sets = new();

    public ImageSet Get(DataSourceOptions source)
    {
        var lazy = sets.GetOrAdd(source, s => new Lazy<ImageSet>(() => ImageSources.Load(s), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            sets.TryRemove(new KeyValuePair<DataSourceOptions, Lazy<ImageSet>>(source, lazy));
            throw;
        }
    }
}
