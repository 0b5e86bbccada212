using FoiDesk.Intake;

namespace FoiDesk.Tests.Intake;

/// <summary>Rows from Alaveteli's request-address specs (alaveteli/expectations.json, request_address_matching).</summary>
public sealed class RequestAddressTests
{
    private static readonly string[] Example = ["example.com"];

    [TestCase("foi+request-3-691c8388@example.com", "foi+request-3-691c8388@example.com")] // prefix kept
    [TestCase("Request-3-691c8388@example.com", "request-3-691c8388@example.com")] // case-insensitive
    [TestCase("'foi+request-3-691c8388@example.com'", "foi+request-3-691c8388@example.com")] // quotes around the address
    [TestCase("foi+request-3-b8bl9ff5@example.com", "foi+request-3-b8b19ff5@example.com")] // 'l' typed for '1'
    [TestCase("foi+request-3-b8bo9ff5@example.com", "foi+request-3-b8b09ff5@example.com")] // 'o' typed for '0'
    [TestCase("foi+request-bounce-3-691c8388@example.com", "foi+request-3-691c8388@example.com")] // old request-bounce- form
    [TestCase("<mailto:REQUEST-3-691C8388@EXAMPLE.COM>", "request-3-691c8388@example.com")]
    public void Match_AlaveteliVariants_NormalisedAddress(string address, string expected)
    {
        var match = RequestAddress.Match(address, Example);

        Assert.That(match, Is.Not.Null);
        Assert.That(match!.Address, Is.EqualTo(expected));
        Assert.That(match.RequestId, Is.EqualTo(3));
        Assert.That(match.HashWellFormed, Is.True);
    }

    [Test]
    public void Match_ShortHash_IdOnlyGuess()
    {
        // Alaveteli: no exact match, but guess_by_incoming_email may still find the request by its id.
        var match = RequestAddress.Match("request-42-asdfg@example.com", Example);

        Assert.That(match, Is.Not.Null);
        Assert.That(match!.RequestId, Is.EqualTo(42));
        Assert.That(match.HashWellFormed, Is.False);
    }

    [TestCase("request-972166-1a2b3c4d@whatdotheyknow.com", 972166L)]
    [TestCase("request-66666-caa77777@whatdotheyknow.com", 66666L)]
    [TestCase("request-261911-77d4c399@WhatDoTheyKnow.com", 261911L)]
    public void Match_DefaultDomains_WhatDoTheyKnow(string address, long id)
    {
        Assert.That(RequestAddress.Match(address)?.RequestId, Is.EqualTo(id));
    }

    [TestCase("request-5-e029ad65@righttoknow.org.au")] // another Alaveteli site, not configured
    [TestCase("foi@example-council.gov.uk")]
    [TestCase("request-xxx-xxxxx@whatdotheyknow.com")] // anonymised corpus address: no id
    [TestCase("request-whatever@quux")]
    public void Match_NotARequestAddressHere_Null(string address)
    {
        Assert.That(RequestAddress.Match(address), Is.Null);
    }

    [Test]
    public void Match_ConfiguredRightToKnow_PrefixKept()
    {
        var match = RequestAddress.Match("foitest+request-5-e029ad65@righttoknow.org.au", ["whatdotheyknow.com", "righttoknow.org.au"]);

        Assert.That(match?.Address, Is.EqualTo("foitest+request-5-e029ad65@righttoknow.org.au"));
        Assert.That(match?.Domain, Is.EqualTo("righttoknow.org.au"));
    }

    [Test]
    public void FindAll_HeaderWithSeveralAddresses_EachOnce()
    {
        const string To = "\"Requester, A.\" <request-66666-caa77777@whatdotheyknow.com>, foi@example.com, REQUEST-66666-CAA77777@whatdotheyknow.com";

        var found = RequestAddress.FindAll(To);

        Assert.That(found.Select(f => f.Address), Is.EqualTo(new[] { "request-66666-caa77777@whatdotheyknow.com" }));
    }
}
