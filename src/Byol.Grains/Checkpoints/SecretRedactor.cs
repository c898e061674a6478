using System.Text.RegularExpressions;

namespace Byol.Grains.Checkpoints;

/// <summary>Keeps account keys and SAS signatures out of log messages built from storage exceptions.</summary>
internal static partial class SecretRedactor
{
    public static string Redact(string text) => Secrets().Replace(text, m => m.Groups["name"].Value + "=***");

    [GeneratedRegex(@"(?<name>AccountKey|SharedAccessSignature|sig)=[^;&\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex Secrets();
}
