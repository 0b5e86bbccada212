using FoiDesk.Redaction;

namespace FoiDesk.Tests.Publication;

public class RedactorTests
{
    private static readonly RedactionPolicy Policy = new()
    {
        RequesterNames = ["Jane Example"],
        Staff = [new StaffMember("Tom Placeholder", 4), new StaffMember("Morgan Fairweather", 11)],
        NameStaffAtOrAboveGrade = 9,
        AllowedEmails = ["foi@anytown.gov.uk"],
        AllowedPhones = ["01632 960000", "0303 123 1113"],
        AllowedPostcodes = ["AN1 1AA", "SK9 5AF"],
    };

    // Shaped like a real council response on WhatDoTheyKnow: quoted questions with answers, the review and
    // ICO paragraphs, and the requester's and an officer's details that must not reach the disclosure log.
    private const string Response = """
        Dear Ms Example,

        Thank you for your request dated 16 April 2023 for the following information:

        1. Does your organisation consider social value when commissioning residential children's homes? - Yes

        2. What weighting is given to social value questions? 5%, agreed with Tom Placeholder in Commissioning,
        who can be reached on 01632 960456 or 07700 900123 (+44 (0) 1632 960789 from abroad).

        The decision was taken by Morgan Fairweather, Director of Children's Services.

        Jane, we have sent a copy to your home address as requested:
        Jane Example
        Flat 2, 12 Acacia Avenue
        Anytown
        AN1 2BB

        and by email to request-972166-abcd@whatdotheyknow.com.

        If you are dissatisfied you may ask for an internal review at foi@anytown.gov.uk or on 01632 960000.
        Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF, 0303 123 1113.

        Anytown Borough Council, Civic Centre, 1 High Street, Anytown AN1 1AA
        """;

    [Test]
    public void Redact_SeedShapedResponse_RemovesPersonalDataKeepsPublishedDetails()
    {
        var result = Redactor.Redact(Response, Policy);

        Assert.That(result.Text, Does.Not.Contain("Jane").And.Not.Contain("Example").And.Not.Contain("Placeholder").And.Not.Contain("Tom "));
        Assert.That(result.Text, Does.Not.Contain("Acacia").And.Not.Contain("AN1 2BB").And.Not.Contain("Flat 2"));
        Assert.That(result.Text, Does.Not.Contain("960456").And.Not.Contain("900123").And.Not.Contain("960789"));
        Assert.That(result.Text, Does.Not.Contain("whatdotheyknow"));
        Assert.That(result.Text, Does.Contain("Dear [name redacted],"));
        Assert.That(result.Text, Does.Contain("[email address redacted]"));
        Assert.That(result.Text, Does.Contain("[phone number redacted]"));
        Assert.That(result.Text, Does.Contain("Morgan Fairweather, Director of Children's Services"));
        Assert.That(result.Text, Does.Contain("foi@anytown.gov.uk or on 01632 960000"));
        Assert.That(result.Text, Does.Contain("Cheshire SK9 5AF, 0303 123 1113"));
        Assert.That(result.Text, Does.Contain("Civic Centre, 1 High Street, Anytown AN1 1AA"));
        Assert.That(result.Text, Does.Contain("Does your organisation consider social value"));
        Assert.That(RedactionCheck.Check(result.Text, PublishedFormat.Text, Policy), Is.Empty);
    }

    [Test]
    public void Check_UnredactedResponse_FindsEveryKind()
    {
        var kinds = RedactionCheck.Check(Response, PublishedFormat.Text, Policy).Select(l => l.Kind).Distinct();

        Assert.That(kinds, Is.EquivalentTo(new[]
        {
            PersonalDataKind.Name, PersonalDataKind.Email, PersonalDataKind.Phone, PersonalDataKind.Postcode, PersonalDataKind.AddressLine,
        }));
    }

    [TestCase("01604 368360")] // geographic, 5-digit area code
    [TestCase("(01604) 368360")]
    [TestCase("020 7946 0000")] // London
    [TestCase("07700 900123")] // mobile
    [TestCase("07700900123")]
    [TestCase("+44 7700 900123")]
    [TestCase("+44 (0) 1375 652242")] // as in a council email signature
    [TestCase("0300 126 1000")] // non-geographic
    [TestCase("01632-960-456")]
    public void Phones_UkFormats_AreFound(string number)
    {
        Assert.That(PersonalData.Phones($"call {number} today").Select(m => m.Value), Is.EqualTo(new[] { number }));
    }

    [TestCase("FOI-2023-0412")] // a case reference
    [TestCase("12345678")]
    [TestCase("s.43(2) and reg 12(5)(e)")]
    [TestCase("09065 123456")] // premium rate: not a person's number
    [TestCase("+33 1 23 45 67 89")] // not UK
    [TestCase("2023 0412 1234")]
    public void Phones_NotPhoneNumbers_AreIgnored(string text)
    {
        Assert.That(PersonalData.Phones(text), Is.Empty);
    }

    [TestCase("RM17 6SL")]
    [TestCase("SK9 5AF")]
    [TestCase("W1A 1AA")]
    [TestCase("an1 2bb")] // typed in lower case
    [TestCase("EC1A1BB")] // without the space
    public void Postcodes_UkFormats_AreFound(string postcode)
    {
        Assert.That(PersonalData.Postcodes($"at {postcode}.").Select(m => m.Value), Is.EqualTo(new[] { postcode }));
    }

    [TestCase("FOI 2023")]
    [TestCase("s.43(2)")]
    [TestCase("AN1 2CB")] // C is never in an inward code
    public void Postcodes_NotPostcodes_AreIgnored(string text)
    {
        Assert.That(PersonalData.Postcodes(text), Is.Empty);
    }

    [Test]
    public void Check_HtmlWithMailtoAndEntities_FindsThem()
    {
        const string Html = "<p>Write to <a href=\"mailto:jane@example.org\">us</a></p><p>Jane&#32;Example<br>Tom<br/>Placeholder</p>";

        var leaks = RedactionCheck.Check(Html, PublishedFormat.Html, Policy);

        Assert.That(leaks, Does.Contain(new RedactionLeak(PersonalDataKind.Email, "jane@example.org")));
        Assert.That(leaks, Does.Contain(new RedactionLeak(PersonalDataKind.Name, "Jane Example")));
        Assert.That(leaks, Does.Contain(new RedactionLeak(PersonalDataKind.Name, "Placeholder")));
    }

    [Test]
    public void Check_JsonWithEscapedEmailInMetadata_FindsIt()
    {
        const string Json = """{"reference":"FOI-2023-0412","requester":"jane\u0040example.org","body":"<p>Thanks</p>"}""";

        Assert.That(RedactionCheck.Check(Json, PublishedFormat.Json, Policy).Select(l => l.Value), Is.EqualTo(new[] { "jane@example.org" }));
    }

    [Test]
    public void Check_CsvWithQuotedName_FindsIt()
    {
        const string Csv = "reference,officer\nFOI-2023-0412,\"Placeholder, Tom \"\"T\"\"\"\n";

        Assert.That(RedactionCheck.Check(Csv, PublishedFormat.Csv, Policy).Select(l => l.Value), Is.EquivalentTo(new[] { "Placeholder", "Tom" }));
    }

    [Test]
    public void Check_RedactedHtml_IsClean()
    {
        var html = "<p>" + System.Net.WebUtility.HtmlEncode(Redactor.Redact(Response, Policy).Text) + "</p>";

        Assert.That(RedactionCheck.IsClean(html, PublishedFormat.Html, Policy), Is.True);
    }

    [Test]
    public void Redact_RenderedResponseLetter_RemovesRequesterAndJuniorSignatory()
    {
        var letter = FoiDesk.Tests.Replies.SampleLetters.Renderer().Render(FoiDesk.Replies.LetterIds.Response, FoiDesk.Tests.Replies.SampleLetters.Full());
        var policy = Policy with { Staff = [new StaffMember("Sam Officer", 5)] };

        var redacted = Redactor.Redact(letter.Text, policy).Text;

        Assert.That(redacted, Does.Contain("Dear [name redacted],"));
        // "Officer" is both the invented surname and a word in the job title: name parts are matched on their
        // own, so the title loses it too. Over-redaction is the safe failure for a public log.
        Assert.That(redacted, Does.Contain("[name redacted]\nInformation Governance [name redacted]"));
        Assert.That(redacted, Does.Contain("Most of it is the copyright of Anytown Borough Council."));
        Assert.That(RedactionCheck.Check(redacted, PublishedFormat.Text, policy), Is.Empty);
    }

    [Test]
    public void Redact_SeniorStaff_KeepsTheirName()
    {
        var policy = Policy with { NameStaffAtOrAboveGrade = 3 };

        Assert.That(Redactor.Redact("Tom Placeholder approved it.", policy).Text, Is.EqualTo("Tom Placeholder approved it."));
    }
}
