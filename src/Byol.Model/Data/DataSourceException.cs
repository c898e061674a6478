namespace Byol.Model.Data;

/// <summary>
/// A data source could not be read: a missing path, an unknown kind, a garbled file, or no images at all.
/// The message always names the path, file or kind at fault.
/// </summary>
public sealed class DataSourceException : Exception
{
    public DataSourceException(string message) : base(message) { }

    public DataSourceException(string message, Exception inner) : base(message, inner) { }
}
