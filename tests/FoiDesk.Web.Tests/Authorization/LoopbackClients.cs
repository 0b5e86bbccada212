using System.Net;
using System.Net.Sockets;

namespace FoiDesk.Web.Tests.Authorization;

/// <summary>
/// HTTP clients that connect from a chosen loopback address (127.0.0.N). The sign-in page is rate limited
/// per client address (10 a minute); the matrix test makes more requests than that, so each role gets its
/// own address, as each person would.
/// </summary>
public static class LoopbackClients
{
    public static HttpClient Create(Uri baseAddress, IPAddress from, CookieContainer cookies)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    /// <summary>A copy of a cookie jar, so a request that signs out does not sign out the next one.</summary>
    public static CookieContainer Copy(CookieContainer source, Uri baseAddress)
    {
        var copy = new CookieContainer();
        foreach (Cookie c in source.GetCookies(baseAddress))
        {
            copy.Add(baseAddress, new Cookie(c.Name, c.Value) { Path = c.Path });
        }

        return copy;
    }
}
