using Hangfire.PostgreSql;
using Npgsql;

namespace FoiDesk.Web.Jobs;

/// <summary>Hangfire's storage takes its connections from FoiDesk's one data source (one pool, one set of settings).</summary>
public sealed class DataSourceConnectionFactory(NpgsqlDataSource db) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => db.OpenConnection();
}
