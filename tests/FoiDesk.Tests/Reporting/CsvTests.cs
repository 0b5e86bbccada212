using FoiDesk.Reporting;

namespace FoiDesk.Tests.Reporting;

/// <summary>Every CSV FoiDesk writes goes through <see cref="Csv"/>: RFC 4180 quoting and formula neutralising.</summary>
public sealed class CsvTests
{
    // OWASP CSV injection: a text cell a spreadsheet would run as a formula gets a leading single quote.
    [TestCase("=SUM(A1:A9)", "\"'=SUM(A1:A9)\"")]
    [TestCase("+44 1632 960000", "\"'+44 1632 960000\"")]
    [TestCase("-1+1", "\"'-1+1\"")]
    [TestCase("@cmd", "\"'@cmd\"")]
    [TestCase("\tTAB", "\"'\tTAB\"")]
    [TestCase("\rCR", "\"'\rCR\"")]
    [TestCase("-5", "\"'-5\"")] // text that looks like a number is still text from outside
    [TestCase("a=b", "a=b")] // only the first character matters
    [TestCase("2025-03-20", "2025-03-20")] // an ISO date starts with a digit
    public void Field_FormulaCharacterFirst_IsNeutralised(string value, string expected) =>
        Assert.That(Csv.Field(value), Is.EqualTo(expected));

    [Test]
    public void Write_NumbersAndDates_AreNotNeutralised()
    {
        var csv = Csv.Write(["n", "d", "t"], [[new Csv.Number(-5), new Csv.Date(new DateOnly(2025, 3, 20)), "-5"]]);

        Assert.That(csv, Is.EqualTo("n,d,t\r\n-5,2025-03-20,\"'-5\"\r\n"));
    }

    [Test]
    public void StatisticsCsv_MeasureStartingWithFormula_IsNeutralisedCountsStayNumbers()
    {
        var s = new QuarterStatistics(2025, 1, new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31),
            [new StatisticsLine("Requests", "Received", 12), new StatisticsLine("=cmd|' /C calc'!A0", "@SUM(1)", 3)]);

        var csv = QuarterlyStatistics.ToCsv(s);

        Assert.That(csv, Is.EqualTo(
            "Year,Quarter,Section,Measure,Count\r\n" +
            "2025,Q1,Requests,Received,12\r\n" +
            "2025,Q1,\"'=cmd|' /C calc'!A0\",\"'@SUM(1)\",3\r\n"));
    }
}
