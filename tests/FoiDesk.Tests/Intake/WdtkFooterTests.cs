using FoiDesk.Intake;

namespace FoiDesk.Tests.Intake;

public sealed class WdtkFooterTests
{
    private const string Request = """
        Dear Example Council,

        Please provide a copy of the council's pest control contract.

        Yours faithfully,

        Sam Example

        -------------------------------------------------------------------

        Please use this email address for all replies to this request:
        request-1234567-a1b2c3d4@whatdotheyknow.com

        Is foi@example-council.gov.uk the wrong address for Freedom of Information requests to Example Council? If so, please contact us using this form:
        https://www.whatdotheyknow.com/change_request/new?body=example_council

        Disclaimer: This message and any reply that you make will be published on the internet. Our privacy and copyright policies:
        https://www.whatdotheyknow.com/help/officers

        For more detailed guidance on safely disclosing information, read the latest advice from the ICO:
        https://www.whatdotheyknow.com/help/ico-guidance-for-authorities

        Please note that in some cases publication of requests and responses will be delayed.

        If you find this service useful as an FOI officer, please ask your web manager to link to us from your organisation's FOI page.

        -------------------------------------------------------------------
        """;

    [Test]
    public void Strip_CurrentFooter_RequestTextOnly()
    {
        var result = WdtkFooter.Strip(Request);

        Assert.Multiple(() =>
        {
            Assert.That(result.Text.TrimEnd(), Does.EndWith("Yours faithfully,\n\nSam Example"));
            Assert.That(result.Text, Does.Not.Contain("whatdotheyknow").And.Not.Contain("-----"));
            Assert.That(result.Footer, Does.StartWith("-----").And.Contain("link to us"));
            Assert.That(result.ReplyTo, Is.EqualTo("request-1234567-a1b2c3d4@whatdotheyknow.com"));
            Assert.That(result.ReplyToRequest?.RequestId, Is.EqualTo(1234567));
            Assert.That(result.AuthorityAddress, Is.EqualTo("foi@example-council.gov.uk"));
        });
    }

    [Description("Seed 000: the footer as Thurrock quoted it back, hard-wrapped at 75 columns with redacted addresses")]
    [Test]
    public void Strip_HardWrappedQuotedBack_FooterGoneTextAfterKept()
    {
        var text = TestFiles.Read("Questions/Seed/thurrock-request-as-quoted-back.txt") + "Dear Mr Bell,\nThank you for your request.\n";

        var result = WdtkFooter.Strip(text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Does.Contain("Yours faithfully,\nAndrew Bell\nDear Mr Bell,\nThank you for your request."));
            Assert.That(result.Text, Does.Not.Contain("Please use this email address").And.Not.Contain("web").And.Not.Contain("be delayed"));
            Assert.That(result.ReplyTo, Is.EqualTo("[FOI #972166 email]"));
            Assert.That(result.ReplyToRequest, Is.Null, "a redacted address is not a request address");
            Assert.That(result.AuthorityAddress, Is.EqualTo("[Thurrock Borough Council request email]"));
        });
    }

    [Test]
    public void Strip_QuotedWithMarks_FooterRemoved()
    {
        var text = string.Join('\n', Request.Split('\n').Select(l => "> " + l));

        var result = WdtkFooter.Strip(text);

        Assert.That(result.Text, Does.Not.Contain("Disclaimer"));
        Assert.That(result.ReplyToRequest?.Address, Is.EqualTo("request-1234567-a1b2c3d4@whatdotheyknow.com"));
    }

    [Test]
    public void Strip_NoFooter_TextUnchanged()
    {
        const string Text = "Dear Council,\n\nPlease provide X.\n\n-----------------\nA separator on its own is not a footer.\n";

        var result = WdtkFooter.Strip(Text);

        Assert.That(result.Text, Is.EqualTo(Text));
        Assert.That(result.Footer, Is.Empty);
    }

    [Description("Older footer (2008) used in the forward-quoting corpus message")]
    [Test]
    public void Strip_DisclaimerOnlyFooter_Removed()
    {
        const string Text = """
            Yours faithfully,
            Bob Smith

            Disclaimer: This message and any reply that you make will be published
            on the internet. Our privacy and copyright policies:
            http://example.com/help/officers

            If you find this service useful as an FOI officer, please ask your web
            manager to link to us from your organisation's FOI page.
            """;

        var result = WdtkFooter.Strip(Text);

        Assert.That(result.Text.TrimEnd(), Is.EqualTo("Yours faithfully,\nBob Smith"));
    }
}
