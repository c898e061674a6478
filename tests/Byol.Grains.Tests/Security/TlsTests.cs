using Byol.Contracts.Grains;
using Byol.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Byol.Grains.Tests.Security;

/// <summary>
/// `Tls:*`: a silo configured with a certificate accepts only TLS clients. Both the silo and the clients here are
/// built from Byol's own configuration code (ConfigureByol, UseByolTls) with a certificate generated in the test.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private const string Password = "test-only-password";
    private readonly string directory = Directory.CreateTempSubdirectory("byol-tls-").FullName;
    private readonly int siloPort = LoopbackPort.Free();
    private readonly int gatewayPort = LoopbackPort.Free();
    private IHost? silo;
    private string certificate = "";

    public async Task InitializeAsync()
    {
        certificate = SelfSignedCertificate.WritePfx(directory, Password);
        silo = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(s => s.ConfigureByol(Configuration(new()
            {
                ["Cluster:Provider"] = "Localhost",
                ["Cluster:ClusterId"] = "tls-test",
                ["Cluster:ServiceId"] = "tls-test",
                ["Cluster:SiloPort"] = siloPort.ToString(),
                ["Cluster:PrimarySiloPort"] = siloPort.ToString(),
                ["Cluster:GatewayPort"] = gatewayPort.ToString(),
                ["Storage:Directory"] = directory,
                ["Silo:Accelerator"] = "cpu",
                ["Silo:Slots"] = "1",
                ["Silo:ThreadsPerSlot"] = "1",
            })))
            .Build();
        await silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.StopAsync();
            silo.Dispose();
        }
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    private Dictionary<string, string?> Tls() => new()
    {
        ["Tls:CertificatePath"] = certificate,
        ["Tls:CertificatePassword"] = Password,
        ["Tls:AllowAnyRemoteCertificate"] = "true",
    };

    private IConfiguration Configuration(Dictionary<string, string?> values)
    {
        foreach (var (key, value) in Tls())
            values.TryAdd(key, value);
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private IHost Client(bool tls) => new HostBuilder()
        .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Critical))
        .UseOrleansClient(c =>
        {
            c.UseLocalhostClustering(gatewayPort, "tls-test", "tls-test");
            c.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            c.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            if (tls)
                c.UseByolTls(new ConfigurationBuilder().AddInMemoryCollection(Tls()).Build());
        })
        .Build();

    [Fact]
    public async Task A_tls_client_calls_a_grain_on_a_tls_silo()
    {
        using var client = Client(tls: true);
        await client.StartAsync();
        var sweeps = await client.Services.GetRequiredService<IClusterClient>().GetGrain<ISweepRegistryGrain>(0).List();
        Assert.Empty(sweeps);
        await client.StopAsync();
    }

    [Fact]
    public async Task A_plain_client_cannot_reach_a_tls_silo()
    {
        using var client = Client(tls: false);
        var call = async () =>
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await client.StartAsync(cts.Token);
            await client.Services.GetRequiredService<IClusterClient>().GetGrain<ISweepRegistryGrain>(0).List();
        };
        await Assert.ThrowsAnyAsync<Exception>(call);
    }

    [Fact]
    public void A_missing_certificate_is_reported_by_path()
    {
        var options = new ByolTlsOptions { CertificatePath = Path.Combine(directory, "absent.pfx") };
        var error = Assert.ThrowsAny<Exception>(() => options.LoadCertificate());
        Assert.Contains("absent.pfx", error.Message);
    }

    [Fact]
    public void A_wrong_password_does_not_echo_the_password()
    {
        var options = new ByolTlsOptions { CertificatePath = certificate, CertificatePassword = "not-the-password" };
        var error = Assert.ThrowsAny<Exception>(() => options.LoadCertificate());
        Assert.DoesNotContain("not-the-password", error.Message);
    }
}
