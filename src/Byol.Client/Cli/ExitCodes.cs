namespace Byol.Client.Cli;

/// <summary>The exit codes of `byol`.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The operation was refused or failed (unknown sweep, a sweep that failed or was cancelled while waited on).</summary>
    public const int Failed = 1;
    /// <summary>Invalid input: a spec with errors (nothing was scheduled), a bad option value.</summary>
    public const int InvalidInput = 2;
    /// <summary>No gateway of the cluster answered.</summary>
    public const int Unreachable = 3;
    /// <summary>Ctrl+C.</summary>
    public const int Interrupted = 130;
}
