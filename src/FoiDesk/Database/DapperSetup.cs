using System.Data;
using Dapper;

namespace FoiDesk.Database;

/// <summary>
/// Dapper type handlers FoiDesk relies on. Due dates are DateOnly in date columns and instants are
/// DateTimeOffset in timestamptz; Dapper's own DateOnly mapping has regressed between releases, so we
/// register ours and cover both with tests against PostgreSQL.
/// </summary>
public static class DapperSetup
{
    private static int _configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new NullableDateOnlyHandler());
        // DateTimeOffset is in Dapper's built-in type map, which wins over handlers: remove it so ours runs
        // (Npgsql writes timestamptz only from UTC offsets; an email's +01:00 would otherwise throw).
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => throw new DataException($"cannot read {value.GetType().Name} as DateOnly"),
        };
    }

    private sealed class NullableDateOnlyHandler : SqlMapper.TypeHandler<DateOnly?>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly? value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value.HasValue ? value.Value : DBNull.Value;
        }

        public override DateOnly? Parse(object value) => value switch
        {
            null or DBNull => null,
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => throw new DataException($"cannot read {value.GetType().Name} as DateOnly"),
        };
    }

    /// <summary>Npgsql reads timestamptz as a UTC DateTime; we want the instant as DateTimeOffset.</summary>
    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            // timestamptz only accepts UTC offsets from Npgsql; the instant is what matters.
            parameter.Value = value.ToUniversalTime();
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset o => o,
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            _ => throw new DataException($"cannot read {value.GetType().Name} as DateTimeOffset"),
        };
    }
}
