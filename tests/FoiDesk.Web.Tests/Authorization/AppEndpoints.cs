using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FoiDesk.Web.Tests.Authorization;

/// <summary>A route the running app answers, with the methods it takes and its endpoint's authorisation metadata.</summary>
public sealed record AppEndpoint(string Method, string Template, string DisplayName, bool HasAuthorizeData, bool AllowsAnonymous)
{
    public override string ToString() => $"{Method} {Template}";
}

/// <summary>Every endpoint of the running app (Razor pages and minimal APIs), from its EndpointDataSource.</summary>
public static class AppEndpoints
{
    public static async Task<IReadOnlyList<AppEndpoint>> ListAsync(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        var found = new List<AppEndpoint>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var template = RouteTable.Normalise(endpoint.RoutePattern.RawText ?? "");
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            IEnumerable<string> methods;
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // A page answers GET whatever its handlers; POST only when it has an OnPost handler.
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                methods = compiled.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Append("GET").Distinct();
                anonymous |= compiled.EndpointMetadata.OfType<IAllowAnonymous>().Any();
                authorize |= compiled.EndpointMetadata.OfType<IAuthorizeData>().Any();
            }
            else
            {
                methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            }

            found.AddRange(methods.Select(m => new AppEndpoint(m, template, endpoint.DisplayName ?? template, authorize, anonymous)));
        }

        found.AddRange(await AuthenticationHandlerPathsAsync(services));
        return [.. found.DistinctBy(e => e.ToString()).OrderBy(e => e.Template, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Paths answered by remote authentication handlers (OpenID Connect: the callback, the signed-out callback and
    /// front-channel sign-out) before routing and authorisation, so they are not endpoints; taken from each handler's
    /// options, so a new scheme or path needs a line too. Anyone may reach them: the handler checks state and nonce.
    /// </summary>
    private static async Task<IEnumerable<AppEndpoint>> AuthenticationHandlerPathsAsync(IServiceProvider services)
    {
        var schemes = await services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        var oidc = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>();
        return schemes.Where(s => s.HandlerType == typeof(OpenIdConnectHandler)).Select(s => oidc.Get(s.Name)).SelectMany(o => new[]
        {
            // form_post answers with a POST, query with a GET.
            ("GET", o.CallbackPath),
            ("POST", o.CallbackPath),
            ("GET", o.SignedOutCallbackPath),
            ("GET", o.RemoteSignOutPath),
            ("POST", o.RemoteSignOutPath),
        }.Where(p => p.Item2.HasValue).Select(p => new AppEndpoint(p.Item1, RouteTable.Normalise(p.Item2), "OpenID Connect handler", false, true)));
    }
}
