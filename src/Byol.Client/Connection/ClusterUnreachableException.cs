namespace Byol.Client.Connection;

/// <summary>No gateway of the cluster answered; the message names the address tried and how to start a silo.</summary>
public sealed class ClusterUnreachableException(string address, string reason, Exception? inner = null)
    : Exception($"cannot reach the Byol cluster at {address}: {reason}. Is a silo running? Start one with `dotnet run --project src/Byol.Silo`.", inner)
{
    public string Address { get; } = address;
}
