namespace Byol.Grains;

/// <summary>The grain-state storage provider every Byol grain persists to.</summary>
public static class StorageNames
{
    public const string Grains = "byol";
}
