using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FoiDesk.Web.Api;

/// <summary>
/// The JSON API under /api/v1: the operations of the UI for scripts and other systems, described at
/// /openapi/v1.json. Each endpoint names its policy; a session cookie or an API token signs the caller in.
/// </summary>
public static class ApiEndpoints
{
    public static IServiceCollection AddFoiDeskApi(this IServiceCollection services)
    {
        services.AddFoiDeskApiAuthentication();
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "FoiDesk API";
            document.Info.Description = "Cases, clocks, triage, questions and approval: the operations of the web pages, through the same services. Send `Authorization: Bearer <token>` with a token made at /account/api-tokens.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiAuthentication.BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token (fdk_...), acting with its account's roles.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiAuthentication.BearerScheme, document)] = [] });
            return Task.CompletedTask;
        }));
        return services;
    }

    public static void MapFoiDeskApi(this WebApplication app)
    {
        // The description of the API holds no data; tools read it before they have a token.
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api/v1")
            .AddEndpointFilter(CookieRequestsNeedAntiforgery)
            .WithTags("FoiDesk");
        CaseApi.Map(api);
        TriageApi.Map(api);
        QuestionApi.Map(api);
        ApprovalApi.Map(api);
        CostLimitApi.Map(api);
        RequesterApi.Map(api);
        RetentionApi.Map(api);
        IcoApi.Map(api);
    }

    /// <summary>
    /// A browser sends the session cookie by itself, so an unsafe request signed in by cookie must also carry
    /// the anti-forgery token (header RequestVerificationToken). A bearer token is never sent by itself.
    /// </summary>
    private static async ValueTask<object?> CookieRequestsNeedAntiforgery(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
        var byCookie = http.User.Identity is { IsAuthenticated: true, AuthenticationType: not ApiAuthentication.BearerScheme };
        if (unsafeMethod && byCookie)
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem(
                    title: "Missing or invalid anti-forgery token",
                    detail: "Requests signed in by cookie must send the RequestVerificationToken header; scripts should use an API token.",
                    statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return await next(ctx);
    }
}
