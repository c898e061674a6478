using TorchSharp;

namespace Byol.Model.Runtime;

/// <summary>
/// The small integers Byol.Model passes where TorchSharp takes a <see cref="Scalar"/>. TorchSharp 0.107 converts a C#
/// number to a Scalar implicitly, and that Scalar is garbage once its native handle is read: the GC may finalize it,
/// freeing the native at::Scalar, while the op that reads it still runs (dotnet/TorchSharp#1434; a cluster fault run
/// failed a trial with libtorch's "Unknown scalar type" that way). So Byol.Model never passes a number for a Scalar,
/// and it avoids the TorchSharp overloads that make one inside: <c>a + b</c> and <c>a.add(b)</c> (alpha 1),
/// <c>a.add(s)</c> (alpha 1), <c>square()</c> (exponent 2), and <c>arange</c> without a step (step 1). It passes
/// constants like these, which live as long as the process, or a Scalar from <c>ToScalar()</c> held by a
/// <c>using</c> declaration until the op has returned. Each keeps the .NET type the implicit conversion would have
/// given (an int stays an int), so every result is bit for bit what it was.
/// </summary>
internal static class Scalars
{
    public static readonly Scalar Zero = 0.ToScalar();

    /// <summary>Also the alpha of a plain addition: <c>a.add(b, Scalars.One)</c> is TorchSharp's <c>a + b</c>.</summary>
    public static readonly Scalar One = 1.ToScalar();

    public static readonly Scalar Two = 2.ToScalar();
}
