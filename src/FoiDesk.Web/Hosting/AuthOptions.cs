namespace FoiDesk.Web.Hosting;

/// <summary>The "FoiDesk:Auth" configuration section (environment: FoiDesk__Auth__Name): sign-in, sessions and transport.</summary>
public sealed class AuthOptions
{
    public const string Section = "FoiDesk:Auth";

    /// <summary>
    /// How long a request may rely on the server's last answer about its session (ended? stamp changed?).
    /// Ending a session made on another host takes effect within this many seconds.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 30;

    /// <summary>
    /// Mark cookies Secure (sent over HTTPS only). Unset: Secure everywhere except the Development environment.
    /// Browsers accept Secure cookies from http://localhost and http://127.0.0.1, so ops/run still works.
    /// Set false only for clients that cannot (the in-process tests' HttpClient over plain HTTP).
    /// </summary>
    public bool? SecureCookies { get; set; }

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) of reverse proxies whose forwarded headers are believed.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Redirect plain HTTP requests to HTTPS (off by default: a TLS proxy usually does it).</summary>
    public bool HttpsRedirection { get; set; }

    /// <summary>Send Strict-Transport-Security on HTTPS responses (RFC 6797).</summary>
    public bool Hsts { get; set; } = true;

    /// <summary>Data Protection keys (which protect the cookies) are kept in PostgreSQL; this certificate encrypts them there.</summary>
    public string? KeyCertificatePath { get; set; }

    public string? KeyCertificatePassword { get; set; }
}
