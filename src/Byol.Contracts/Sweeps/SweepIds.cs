namespace Byol.Contracts.Sweeps;

/// <summary>Readable, unique sweep ids: the spec's name, the UTC time and a short random suffix.</summary>
public static class SweepIds
{
    public static string New(string name)
    {
        var slug = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return $"{(slug.Length == 0 ? "sweep" : slug)}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x1000, 0xffff):x4}";
    }
}
