using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace FoiDesk.Web.Hosting;

/// <summary>
/// Keeps the Data Protection key ring in PostgreSQL (table data_protection_key), shared by every host of one
/// database and kept across restarts. The interface is synchronous: the key ring is read at start-up and
/// when a key nears expiry (every 90 days by default), never per request.
/// </summary>
public sealed class DatabaseKeyRepository(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var conn = db.OpenConnection();
        return [.. conn.Query<string>("select xml from data_protection_key order by id").Select(x => XElement.Parse(x))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var conn = db.OpenConnection();
        conn.Execute("insert into data_protection_key (friendly_name, xml) values (@friendlyName, @xml)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
