using Dapper;
using FoiDesk.Intake;

namespace FoiDesk.Tests.Intake;

public sealed class AcknowledgementsTests
{
    [TestCase("Freedom of Information request - Potholes", "FOI-2025-00001", "Re: Freedom of Information request - Potholes [FOI-2025-00001]")]
    [TestCase("RE: Potholes", "FOI-2025-00002", "RE: Potholes [FOI-2025-00002]")] // no "Re: Re:": WhatDoTheyKnow matches on the subject
    public void Subject_KeepsTheRequestSubject(string original, string reference, string expected) =>
        Assert.That(Acknowledgements.Subject(original, reference), Is.EqualTo(expected));

    [Test]
    public async Task Queue_WdtkRequest_ThreadedOnTheRequestWithDueDate()
    {
        await using var t = await IntakeDb.CreateAsync();
        // Received Monday 2 June 2025: 20 working days (FOIA s10(1)), day one the next working day, due 30 June 2025.
        var mail = "From: Jo Bloggs <request-972166-abcd1234@whatdotheyknow.com>\nTo: foi@council.example\nSubject: Freedom of Information request - Potholes\n" +
            "Message-ID: <req-1@whatdotheyknow.com>\n\nDear Council,\n\n1. How many potholes were reported in 2024?\n\nYours faithfully,\n\nJo Bloggs\n";
        var opened = await t.DropAsync("req.eml", mail, new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));
        var c = (await t.Cases.FindAsync(opened.CaseReference!, CancellationToken.None))!;
        var acks = new Acknowledgements(t.Cases, t.Holidays, t.Time);

        await using var conn = await t.Db.OpenConnectionAsync();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await acks.QueueAsync(conn, tx, c.Id, "officer", CancellationToken.None);
            await tx.CommitAsync();
        }

        var row = await conn.QuerySingleAsync<(string Letter, string MessageId, string InReplyTo, string[] References, string ToAddress, string Subject, string TextBody, string Status)>(
            "select letter, message_id, in_reply_to, \"references\", to_address, subject, text_body, status from outgoing_message");
        Assert.That(row.Letter, Is.EqualTo("acknowledgement"));
        Assert.That(row.Status, Is.EqualTo("queued"));
        Assert.That(row.MessageId, Does.Match("^[0-9a-f]{32}@foidesk$"));
        Assert.That(row.InReplyTo, Is.EqualTo("req-1@whatdotheyknow.com"));
        Assert.That(row.References, Is.EqualTo(new[] { "req-1@whatdotheyknow.com" }));
        Assert.That(row.ToAddress, Is.EqualTo("request-972166-abcd1234@whatdotheyknow.com"));
        Assert.That(row.Subject, Is.EqualTo($"Re: Freedom of Information request - Potholes [{c.Reference}]"));
        Assert.That(row.TextBody, Does.Contain(c.Reference).And.Contain("received on 2 June 2025").And.Contain("respond by 30 June 2025"));
        Assert.That((await t.Cases.TimelineAsync(c.Id, CancellationToken.None)).Select(e => e.Kind), Does.Contain("acknowledgement-queued"));
    }
}
