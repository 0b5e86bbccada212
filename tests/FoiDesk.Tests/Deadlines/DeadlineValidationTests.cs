using FoiDesk.Deadlines;

namespace FoiDesk.Tests.Deadlines;

public sealed class DeadlineValidationTests
{
    [TestCase("foia", "reply_sent:2025-06-10", "unknown event 'reply_sent'")]
    [TestCase("foia", "fee_received:2025-06-10", "fee_received on 2025-06-10 has no fees_notice_sent")] // paid before any notice
    [TestCase("foia", "fees_notice_sent:2025-06-12;fee_received:2025-06-10", "fee_received on 2025-06-10 has no fees_notice_sent")] // paid before the notice
    [TestCase("foia", "clarification_received:2025-06-10;clarification_sent:2025-06-12", "clarification_received on 2025-06-10 has no clarification_sent")]
    [TestCase("foia", "clarification_sent:2025-06-04;clarification_sent:2025-06-05", "has no clarification_received yet")] // second request while the first is unanswered
    [TestCase("foia", "response_sent:2025-06-01", "before the date of receipt 2025-06-02")]
    [TestCase("foia", "response_sent:2025-06-20;pit_notice_sent:2025-06-25", "after response_sent")]
    [TestCase("foia", "response_sent:2025-06-20;response_sent:2025-06-25", "more than once")]
    [TestCase("eir", "pit_notice_sent:2025-06-20", "does not apply to eir")] // EIR has no PIT extension (E2)
    [TestCase("foisa", "pit_notice_sent:2025-06-20", "does not apply to foisa")] // FOISA has no PIT extension (S4)
    [TestCase("foia", "id_received:2025-06-20", "does not apply to foia")]
    [TestCase("foia-review", "clarification_sent:2025-06-20", "does not apply to foia-review")]
    public void Compute_BadEvents_ThrowsDeadlineInputException(string regime, string events, string message)
    {
        var e = Assert.Throws<DeadlineInputException>(() => DeadlineTableTests.Run(regime, "2025-06-02T10:00:00+01:00", events));

        Assert.That(e!.Message, Does.Contain(message));
    }

    [Test]
    public void Compute_EventOnReceiptDay_IsAccepted()
    {
        var result = DeadlineTableTests.Run("foia", "2025-06-02T10:00:00+01:00", "clarification_sent:2025-06-02;clarification_received:2025-06-02");

        Assert.That(result.Dates[DateNames.ResponseDue], Is.EqualTo(new DateOnly(2025, 6, 30)));
    }

    [TestCase("2025-06-06T23:30:00")] // no offset: the London date is ambiguous (R3)
    [TestCase("2025-06-06")] // a date is not an instant
    [TestCase("06/06/2025 23:30 +01:00")]
    [TestCase("")]
    public void ParseInstant_WithoutOffset_Throws(string text) =>
        Assert.Throws<DeadlineInputException>(() => DeadlineInput.ParseInstant(text));

    [TestCase("2025-06-06T23:30:00+01:00", "2025-06-06T22:30:00Z")]
    [TestCase("2025-06-06T22:30:00Z", "2025-06-06T22:30:00Z")]
    [TestCase("2025-06-06T22:30Z", "2025-06-06T22:30:00Z")]
    [TestCase("2025-06-06T23:30:00.250+01:00", "2025-06-06T22:30:00.25Z")]
    public void ParseInstant_WithOffset_GivesInstant(string text, string utc) =>
        Assert.That(DeadlineInput.ParseInstant(text), Is.EqualTo(DateTimeOffset.Parse(utc)));

    [TestCase("clarification_received")]
    [TestCase("clarification_received:20250610")]
    [TestCase("clarification_received:2025-13-01")]
    [TestCase(":2025-06-10")]
    public void ParseEvent_Malformed_Throws(string text) =>
        Assert.Throws<DeadlineInputException>(() => DeadlineInput.ParseEvent(text));

    [TestCase("foi")]
    [TestCase("FOIA")]
    [TestCase("sar-part3")]
    public void ParseRegime_Unknown_Throws(string text) =>
        Assert.Throws<DeadlineInputException>(() => Regimes.Parse(text));

    [TestCase("uk")] // subject access rolls forward on one nation's calendar (8.7)
    [TestCase("wales")]
    public void ParseSarCalendar_Unknown_Throws(string text) =>
        Assert.Throws<DeadlineInputException>(() => DeadlineInput.ParseSarCalendar(text));
}
