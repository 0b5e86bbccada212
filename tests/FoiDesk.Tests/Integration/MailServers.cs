using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FoiDesk.Tests.Integration;

/// <summary>
/// A private Dovecot (IMAP, LMTP, SASL auth) and Postfix (SMTP) pair for integration tests, all under one temp
/// directory, on free 127.0.0.1 ports, with a fresh self-signed certificate. Postfix delivers the virtual domain
/// <see cref="Domain"/> to Dovecot over LMTP and authenticates SMTP clients against Dovecot's auth service.
/// Dovecot also validates XOAUTH2 tokens against a tiny token-info endpoint served from this process.
/// Nothing system-wide is used or touched except the Debian-created users postfix, dovecot, dovenull, nobody.
/// </summary>
public sealed partial class MailServers : IAsyncDisposable
{
    public const string Domain = "example.test";
    public const string Password = "Correct-Horse-7";
    public const string ValidToken = "ya29.valid-token-for-oauth";

    /// <summary>Mailboxes, one per test area, so tests never see each other's mail.</summary>
    public static readonly string[] Users = ["roundtrip", "idler", "mover", "oauth", "seam", "literal", "intake", "requester", "bulk"];

    /// <summary>The "literal" user's password is not ASCII, so LOGIN must send it as a literal.</summary>
    public const string NonAsciiPassword = "Cyfrinair-\u00e2\u0175\u0177";

    private readonly List<Process> _processes = [];
    private HttpListener? _tokenEndpoint;
    private Task? _tokenLoop;

    private MailServers(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public int ImapPort { get; private set; }

    public int ImapsPort { get; private set; }

    public int SmtpPort { get; private set; }

    public int SmtpsPort { get; private set; }

    private int LmtpPort { get; set; }

    private int AuthPort { get; set; }

    private int TokenPort { get; set; }

    public static string Address(string user) => user + "@" + Domain;

    public static string PasswordOf(string user) => user == "literal" ? NonAsciiPassword : Password;

    public static async Task<MailServers> StartAsync()
    {
        foreach (var binary in new[] { "/usr/sbin/dovecot", "/usr/sbin/postfix", "/usr/bin/openssl", "/usr/lib/dovecot/lmtp" })
        {
            if (!File.Exists(binary))
            {
                throw new InvalidOperationException(
                    $"{binary} is missing: run ops/lib/install-mail-servers.sh (integration tests need Dovecot and Postfix).");
            }
        }

        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            throw new InvalidOperationException("Postfix's master must start as root; run the integration tests as root (e.g. in the CI container).");
        }

        var root = Directory.CreateTempSubdirectory("foidesk-mail-").FullName;
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101); // 0755: Dovecot's mail processes run as nobody
        }
        var servers = new MailServers(root);
        try
        {
            await servers.StartCoreAsync();
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    public string DescribeLogs()
    {
        var sb = new StringBuilder();
        foreach (var log in new[] { "dovecot.log", "postfix.log" })
        {
            var path = Path.Combine(Root, log);
            if (File.Exists(path))
            {
                var lines = File.ReadAllLines(path);
                sb.AppendLine($"--- {log} (last 30 lines)");
                foreach (var line in lines.TakeLast(30))
                {
                    sb.AppendLine(line);
                }
            }
        }

        return sb.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Root, "postfix", "main.cf")))
        {
            await RunAsync("/usr/sbin/postfix", $"-c {Root}/postfix stop", allowFailure: true);
        }

        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        // Postfix's master daemonises; if "postfix stop" failed, stop the one whose pid file is in our queue dir.
        var pidFile = Path.Combine(Root, "queue", "pid", "master.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            try
            {
                using var master = Process.GetProcessById(pid);
                master.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        _tokenEndpoint?.Close();
        if (_tokenLoop is not null)
        {
            await _tokenLoop;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A late writer (delivery agent) can race the delete; /tmp is cleaned eventually.
        }
    }

    private async Task StartCoreAsync()
    {
        ImapPort = FreePort();
        ImapsPort = FreePort();
        SmtpPort = FreePort();
        SmtpsPort = FreePort();
        LmtpPort = FreePort();
        AuthPort = FreePort();
        TokenPort = FreePort();

        await RunAsync("/usr/bin/openssl",
            $"req -x509 -newkey rsa:2048 -nodes -keyout {Root}/key.pem -out {Root}/cert.pem -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1");
        foreach (var dir in new[] { "run", "state", "mail", "postfix", "queue", "data" })
        {
            Directory.CreateDirectory(Path.Combine(Root, dir));
        }

        // Mail is stored as nobody; Postfix's data directory must belong to its mail_owner.
        await RunAsync("/bin/chown", $"nobody:nogroup {Root}/mail");
        await RunAsync("/bin/chown", $"postfix {Root}/data");

        await File.WriteAllTextAsync(Path.Combine(Root, "users"),
            string.Concat(Users.Select(u => $"{u}:{{PLAIN}}{PasswordOf(u)}:65534:65534::{Root}/mail/{u}::\n")), new UTF8Encoding(false));
        await File.WriteAllTextAsync(Path.Combine(Root, "oauth2.conf.ext"), OAuth2Config());
        await File.WriteAllTextAsync(Path.Combine(Root, "dovecot.conf"), DovecotConfig());
        await File.WriteAllTextAsync(Path.Combine(Root, "postfix", "main.cf"), PostfixMainConfig());
        await File.WriteAllTextAsync(Path.Combine(Root, "postfix", "master.cf"), PostfixMasterConfig());

        StartTokenEndpoint();

        await StartDovecotAsync();

        await RunAsync("/usr/sbin/postfix", $"-c {Root}/postfix start");
        await WaitForPortAsync(SmtpPort, "Postfix SMTP", null);
        await WaitForPortAsync(SmtpsPort, "Postfix SMTPS", null);
    }

    /// <summary>Starts (or, after <see cref="StopDovecotAsync"/>, restarts) Dovecot on the same ports and mail.</summary>
    public async Task StartDovecotAsync()
    {
        var dovecot = Process.Start(new ProcessStartInfo("/usr/sbin/dovecot", $"-F -c {Root}/dovecot.conf")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start dovecot.");
        _processes.Add(dovecot);
        await WaitForPortAsync(ImapPort, "Dovecot IMAP", dovecot);
        await WaitForPortAsync(LmtpPort, "Dovecot LMTP", dovecot);
        await WaitForPortAsync(AuthPort, "Dovecot auth", dovecot);
    }

    /// <summary>An outage: SIGKILL to Dovecot's master and every child, as a crash or a pulled cable would leave it.</summary>
    public async Task StopDovecotAsync()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private void StartTokenEndpoint()
    {
        // Stands in for Google's tokeninfo / an OAuth introspection endpoint: Dovecot GETs it with the token appended.
        _tokenEndpoint = new HttpListener();
        _tokenEndpoint.Prefixes.Add($"http://127.0.0.1:{TokenPort}/");
        _tokenEndpoint.Start();
        var listener = _tokenEndpoint;
        _tokenLoop = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                var token = context.Request.QueryString["access_token"];
                var ok = token == ValidToken;
                var body = Encoding.UTF8.GetBytes(ok ? "{\"username\":\"oauth\",\"active\":true}" : "{\"error\":\"invalid_token\"}");
                context.Response.StatusCode = ok ? 200 : 401;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
    }

    private async Task WaitForPortAsync(int port, string what, Process? process)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (process is { HasExited: true })
            {
                var stderr = await process.StandardError.ReadToEndAsync();
                throw new InvalidOperationException($"{what} exited with {process.ExitCode}: {stderr}\n{DescribeLogs()}");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"{what} did not listen on 127.0.0.1:{port} within 15 s.\n{DescribeLogs()}");
    }

    private async Task RunAsync(string file, string arguments, bool allowFailure = false)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException(
                $"'{file} {arguments}' exited with {process.ExitCode}: {await stdout}{await stderr}\n{DescribeLogs()}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
