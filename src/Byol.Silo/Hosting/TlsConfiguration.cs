using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;

namespace Byol.Silo.Hosting;

/// <summary>
/// `Tls:*`: TLS on every Orleans connection (silo to silo and client to gateway), off unless
/// `Tls:CertificatePath` names a PKCS#12 (.pfx) file. Both ends present a certificate (mutual TLS).
/// `Tls:AllowAnyRemoteCertificate` accepts any peer certificate: for self-signed development certificates only.
/// </summary>
public sealed class ByolTlsOptions
{
    public const string Section = "Tls";
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
    public bool AllowAnyRemoteCertificate { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    public static ByolTlsOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ByolTlsOptions>() ?? new();

    /// <summary>Loads the certificate with its private key; a missing or unreadable file names the path, never the password.</summary>
    public X509Certificate2 LoadCertificate()
    {
        var path = CertificatePath ?? throw new InvalidOperationException("Tls:CertificatePath is not set");
        if (!File.Exists(path))
            throw new OptionsValidationException(nameof(ByolTlsOptions), typeof(ByolTlsOptions), [$"Tls:CertificatePath '{path}' does not exist"]);
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new OptionsValidationException(nameof(ByolTlsOptions), typeof(ByolTlsOptions),
                [$"Tls:CertificatePath '{path}' is not a PKCS#12 file this password opens: {e.Message}"]);
        }
    }

    /// <summary>The Orleans TLS settings shared by silos and clients.</summary>
    public void Apply(TlsOptions tls)
    {
        if (AllowAnyRemoteCertificate)
            tls.AllowAnyRemoteCertificate();
    }
}

/// <summary>Turns `Tls:*` into Orleans' TLS connection middleware on a silo or a client.</summary>
public static class TlsConfiguration
{
    public static ISiloBuilder UseByolTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = ByolTlsOptions.From(configuration);
        return options.Enabled ? silo.UseTls(options.LoadCertificate(), options.Apply) : silo;
    }

    public static IClientBuilder UseByolTls(this IClientBuilder client, IConfiguration configuration)
    {
        var options = ByolTlsOptions.From(configuration);
        return options.Enabled ? client.UseTls(options.LoadCertificate(), options.Apply) : client;
    }
}
