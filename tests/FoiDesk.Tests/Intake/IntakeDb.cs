using System.Text;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Tests.Intake;

/// <summary>A fresh migrated database with the intake services over it, on a manual clock.</summary>
internal sealed class IntakeDb : IAsyncDisposable
{
    private IntakeDb(NpgsqlDataSource db, ManualTime time)
    {
        Db = db;
        Time = time;
        Cases = new CaseStore(db, time);
        Holidays = new HolidayStore(db, time);
        Processor = new IntakeProcessor(db, Cases, time, Options.Create(new IntakeOptions()), NullLogger<IntakeProcessor>.Instance);
    }

    public NpgsqlDataSource Db { get; }
    public ManualTime Time { get; }
    public CaseStore Cases { get; }
    public HolidayStore Holidays { get; }
    public IntakeProcessor Processor { get; }

    public static async Task<IntakeDb> CreateAsync()
    {
        DapperSetup.Configure();
        return new IntakeDb(NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync()), new ManualTime(new DateTimeOffset(2025, 6, 2, 12, 0, 0, TimeSpan.Zero)));
    }

    public Task<IntakeOutcome> DropAsync(string name, string mail, DateTimeOffset? at = null) =>
        Processor.ProcessAsync(new SourceMessage("drop-folder", name, Encoding.UTF8.GetBytes(mail.ReplaceLineEndings("\r\n")), at ?? Time.GetUtcNow()), CancellationToken.None);

    public static string Request(string from, string subject, string messageId, params string[] questions) =>
        $"From: {from}\nTo: foi@council.example\nSubject: {subject}\nMessage-ID: <{messageId}>\n\nDear Council,\n\nPlease provide:\n\n" +
        string.Concat(questions.Select((q, i) => $"{i + 1}. {q}\n\n")) + "Yours faithfully,\n\nA Requester\n";

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();
}
