using System.Net.Security;
using FoiDesk.Mail.Net;

namespace FoiDesk.Mail.Tests.Integration;

/// <summary>Starts one private Dovecot + Postfix pair for every integration test in this namespace and stops it
/// afterwards. If the servers cannot start, OneTimeSetUp throws and every integration test fails.</summary>
[SetUpFixture]
public sealed class IntegrationSetup
{
    public static MailServers Servers { get; private set; } = null!;

    /// <summary>The fixture's self-signed certificate is trusted by tests only, via this callback.</summary>
    public static MailConnectionOptions Options(TextWriter? log = null) => new()
    {
        Timeout = TimeSpan.FromSeconds(20),
        ServerCertificateValidation = AcceptFixtureCertificate,
        Logger = log is null ? null : new ProtocolLogger(log),
    };

    [OneTimeSetUp]
    public async Task StartAsync() => Servers = await MailServers.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Servers is not null)
        {
            await Servers.DisposeAsync();
        }
    }

    private static bool AcceptFixtureCertificate(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate,
        System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && certificate.Subject == "CN=localhost";
}
