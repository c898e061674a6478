using System.Net;
using System.Net.Sockets;

namespace Byol.Silo.Hosting;

/// <summary>A TCP port on the loopback interface that nothing listens on (the kernel's pick), for a local silo.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
