using System.Text.Json;

namespace Byol.Client.Cli;

internal static class CliJson
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
