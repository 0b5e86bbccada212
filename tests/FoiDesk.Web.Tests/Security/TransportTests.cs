using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;

namespace FoiDesk.Web.Tests.Security;

/// <summary>Issue 16: the key ring, Secure cookies and no-store (M8 and the session points of the review).</summary>
public sealed class TransportTests
{
    // Old code: keys lived in one host's home directory (no data_protection_key table), so a restart on a new
    // machine or a second host behind a load balancer could not read the cookies.
    [Test]
    public async Task DataProtection_KeysInDatabase_CookieWorksOnAnotherHost()
    {
        await using var first = await TestWebApp.StartAsync();
        var jar = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = first.BaseAddress };
        await SessionTests.SignInAsync(http, Roles.IgOfficer);
        await using var second = await first.StartAnotherHostAsync();
        var cookies = new CookieContainer();
        foreach (Cookie c in jar.GetCookies(first.BaseAddress))
        {
            cookies.Add(second.BaseAddress, new Cookie(c.Name, c.Value) { Path = c.Path });
        }

        using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = second.BaseAddress };
        using var response = await other.GetAsync(new Uri("/cases", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await CaseFixtures.ScalarAsync<long>(first, "select count(*) from data_protection_key"), Is.GreaterThanOrEqualTo(1));
    }

    // Old code: no certificate setting; keys were stored in clear.
    [Test]
    public async Task DataProtection_WithCertificate_KeysEncryptedAtRest()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fdk-{Guid.NewGuid():N}.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=FoiDesk keys", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        try
        {
            await using var app = await TestWebApp.StartAsync(configure: c =>
            {
                c["FoiDesk:Auth:KeyCertificatePath"] = path;
                c["FoiDesk:Auth:KeyCertificatePassword"] = "pfx-password";
            });
            using var http = await app.ClientAsync(Roles.IgOfficer);
            using var response = await http.GetAsync(new Uri("/cases", UriKind.Relative));

            var xml = await CaseFixtures.ScalarAsync<string>(app, "select string_agg(xml, '') from data_protection_key");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(xml, Does.Contain("EncryptedData").And.Not.Contain("<masterKey"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Old code: CookieSecurePolicy.SameAsRequest, so behind a TLS proxy (which speaks HTTP to FoiDesk) the
    // session cookie went out without Secure.
    [Test]
    public async Task M8_OutsideDevelopment_CookiesAreSecure()
    {
        await using var app = await TestWebApp.StartAsync(configure: c => c["FoiDesk:Auth:SecureCookies"] = null);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };

        using var form = await http.GetAsync(new Uri("/sign-in", UriKind.Relative));
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("foidesk-af=", StringComparison.Ordinal));
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/sign-in", UriKind.Relative))
        {
            Content = ApprovalPageTests.Form(await form.Content.ReadAsStringAsync(), ("Email", TestWebApp.EmailFor(Roles.IgOfficer)), ("Password", TestWebApp.Password)),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var signedIn = await http.SendAsync(post);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("foidesk=", StringComparison.Ordinal));

        Assert.That(session, Does.Contain("secure").And.Contain("httponly").And.Contain("samesite=strict"));
    }

    // Old code: signed-in pages carried no Cache-Control, so a shared machine's browser cache kept requesters' details.
    [Test]
    public async Task SignedInPages_SendNoStore()
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = await app.ClientAsync(Roles.IgOfficer);

        using var page = await http.GetAsync(new Uri("/cases", UriKind.Relative));

        Assert.That(page.Headers.CacheControl?.NoStore, Is.True);
    }
}
