namespace Byol.Contracts; internal static class AssemblyMarker {}
