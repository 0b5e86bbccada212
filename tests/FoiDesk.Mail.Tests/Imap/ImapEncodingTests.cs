using FoiDesk.Mail.Imap;

namespace FoiDesk.Mail.Tests.Imap;

[TestFixture]
public sealed class ImapEncodingTests
{
    [TestCase(new uint[] { 1 }, "1")]
    [TestCase(new uint[] { 3, 1, 2 }, "1:3")]
    [TestCase(new uint[] { 1, 2, 3, 5, 7, 8, 9, 10 }, "1:3,5,7:10")]
    [TestCase(new uint[] { 4, 4, 4 }, "4")] // duplicates collapse
    public void Format_Uids_CompactsRuns(uint[] uids, string expected) =>
        Assert.That(ImapUidSet.Format(uids), Is.EqualTo(expected));

    [TestCase("1:3,5,7:10", new uint[] { 1, 2, 3, 5, 7, 8, 9, 10 })]
    [TestCase("7,14,6", new uint[] { 7, 14, 6 })] // SORT order is kept
    [TestCase("5:3", new uint[] { 5, 4, 3 })] // RFC 9051 §9: n:m is the same set as m:n
    public void Parse_SequenceSet_Expands(string set, uint[] expected) =>
        Assert.That(ImapUidSet.Parse(set), Is.EqualTo(expected));

    [TestCase("1:*")]
    [TestCase("0")]
    [TestCase("1:99999999")]
    public void Parse_UnusableSet_Throws(string set) =>
        Assert.Throws<ImapProtocolException>(() => ImapUidSet.Parse(set));

    // RFC 3501 §5.1.3 examples, plus "&" which is written "&-".
    [TestCase("~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")]
    [TestCase("INBOX", "INBOX")]
    [TestCase("Tom & Jerry", "Tom &- Jerry")]
    [TestCase("Ceisiadau RhG/Ymatebion", "Ceisiadau RhG/Ymatebion")]
    public void MailboxName_RoundTrips(string name, string encoded)
    {
        Assert.That(ImapMailboxName.Encode(name), Is.EqualTo(encoded));
        Assert.That(ImapMailboxName.Decode(encoded), Is.EqualTo(name));
    }

    [TestCase("[UIDVALIDITY 3857529045] UIDs valid", "UIDVALIDITY", "3857529045", "UIDs valid")]
    [TestCase("[READ-WRITE] Select completed", "READ-WRITE", "", "Select completed")]
    [TestCase("[PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited", "PERMANENTFLAGS", "(\\Deleted \\Seen \\*)", "Limited")]
    [TestCase("Logged in", null, null, "Logged in")]
    public void ResponseCode_Parse_SplitsCodeAndText(string text, string? name, string? args, string rest)
    {
        var (code, remainder) = ImapResponseCode.Parse(text);

        Assert.That(code?.Name, Is.EqualTo(name));
        Assert.That(code?.Arguments, Is.EqualTo(args));
        Assert.That(remainder, Is.EqualTo(rest));
    }
}
