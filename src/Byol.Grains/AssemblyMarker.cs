namespace Byol.Grains; internal static class AssemblyMarker {}
