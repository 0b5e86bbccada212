using System.Globalization;
using Dapper;
using FoiDesk.Mail;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FoiDesk.Intake;

public sealed partial class IntakeProcessor
{
    /// <summary>
    /// Re-parses a stored message from its raw bytes (the parse is derived data; the raw bytes never change) and
    /// refreshes incoming_message. A message that had failed to parse is routed afresh, as if it had just arrived;
    /// any other keeps its route and case, so re-processing never opens a second case.
    /// </summary>
    public async Task<IntakeOutcome> ReprocessAsync(long rawEmailId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var stored = await conn.QuerySingleOrDefaultAsync<StoredMail>(new CommandDefinition("""
            select r.bytes, r.arrived_at as ArrivedAt, r.arrived_evidence as ArrivedEvidence, r.stored_at as StoredAt, i.route, i.route_reason as RouteReason, c.reference
            from raw_email r join incoming_message i on i.raw_email_id = r.id left join foi_case c on c.id = i.case_id
            where r.id = @rawEmailId
            for update of i
            """, new { rawEmailId }, tx, cancellationToken: ct))
            ?? throw new KeyNotFoundException($"no stored message {rawEmailId}");

        using var analysis = Analyse(new SourceMessage("stored", rawEmailId.ToString(CultureInfo.InvariantCulture), stored.Bytes, null), ct);
        var parsed = analysis.Parsed;
        var outcome = stored.Route == "failed" && parsed is not null
            ? await RouteAsync(conn, tx, rawEmailId, analysis, await LookUpAsync(conn, tx, LookUpKeys.For(analysis), ct), stored.Receipt, ct)
            : new IntakeOutcome(stored.Route == "failed" ? IntakeRoute.Failed : RouteOf(stored.Route), rawEmailId, stored.Reference,
                parsed is null ? $"could not be parsed: {analysis.ParseError}" : stored.RouteReason);
        await SaveIncomingAsync(conn, tx, rawEmailId, parsed, analysis.ParseError, outcome, ct);
        await tx.CommitAsync(ct);
        return outcome;
    }

    private (ReadMail? Parsed, string? Error) Parse(byte[] bytes, CancellationToken ct)
    {
        try
        {
            return (MailReader.Read(bytes, ct: ct), null);
        }
        catch (MailLimitException e)
        {
            return (null, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The parser is lenient and should not throw on content; if it does, the mail is kept and flagged.
            logger.LogError(e, "Parser failed on a message");
            return (null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    public static IntakeRoute RouteOf(string name) => name switch
    {
        "request" => IntakeRoute.Request,
        "follow-up" => IntakeRoute.FollowUp,
        "auto-reply" => IntakeRoute.AutoReply,
        "bounce" => IntakeRoute.Bounce,
        "held" => IntakeRoute.Held,
        "failed" => IntakeRoute.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a route"),
    };

    /// <summary>Opens a case from a stored message whatever its routing said (an officer's decision in the holding pen).</summary>
    internal async Task<string> OpenRequestAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReadMail message, ReceiptEvidence receipt, CancellationToken ct)
    {
        var request = ReadRequest(message);
        var known = await LookUpAsync(conn, tx, new LookUpKeys { RequesterAddress = First(message.From)?.Address }, ct);
        return await OpenCaseAsync(conn, tx, message, request, known.EarlierTexts ?? [], receipt, ct);
    }

    internal (ReadMail? Parsed, string? Error) ParseStored(byte[] bytes, CancellationToken ct) => Parse(bytes, ct);

    private sealed record StoredMail
    {
        public required byte[] Bytes { get; init; }
        public required DateTimeOffset ArrivedAt { get; init; }
        public string? ArrivedEvidence { get; init; }
        public required DateTimeOffset StoredAt { get; init; }
        public required string Route { get; init; }
        public required string RouteReason { get; init; }
        public string? Reference { get; init; }

        /// <summary>The receipt decided when the message was first stored: reading it again changes nothing about when it arrived.</summary>
        public ReceiptEvidence Receipt => new(ArrivedAt, ArrivedEvidence ?? "", StoredAt);
    }
}
