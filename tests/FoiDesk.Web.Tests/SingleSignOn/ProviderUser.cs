namespace FoiDesk.Web.Tests.SingleSignOn;

/// <summary>A person at the test provider: what its ID tokens say about them.</summary>
public sealed record ProviderUser(string Login, string Subject, string Email, string Name, string[] Roles, string[] Groups, string[] Teams)
{
    public ProviderUser(string login, string[] roles, string[]? groups = null, string[]? teams = null)
        : this(login, $"sub-{login}-{Guid.NewGuid():N}", $"{login}@sso.test.foidesk.local", $"{char.ToUpperInvariant(login[0])}{login[1..]} Provider", roles, groups ?? [], teams ?? [])
    {
    }
}
