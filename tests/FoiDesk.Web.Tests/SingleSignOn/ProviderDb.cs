using Microsoft.EntityFrameworkCore;

namespace FoiDesk.Web.Tests.SingleSignOn;

/// <summary>The test provider's store (EF Core in memory): OpenIddict's applications, authorisations and tokens.</summary>
public sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
