namespace Byol.Contracts.Cluster;

/// <summary>What a silo offers: its accelerator ("cuda" or "cpu"), device count and trainer slots.</summary>
[GenerateSerializer, Alias("byol.SiloCapacity"), Immutable]
public sealed record SiloCapacity(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Accelerator,
    [property: Id(2)] int Devices,
    [property: Id(3)] int Slots,
    [property: Id(4)] string HostName);

/// <summary>A silo as `byol cluster` shows it.</summary>
[GenerateSerializer, Alias("byol.SiloView"), Immutable]
public sealed record SiloView(
    [property: Id(0)] SiloCapacity Capacity,
    [property: Id(1)] string Status,
    [property: Id(2)] IReadOnlyList<string> Trainers,
    [property: Id(3)] int SlotsInUse);
