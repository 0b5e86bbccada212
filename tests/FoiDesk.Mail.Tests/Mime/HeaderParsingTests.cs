using FoiDesk.Mail.Mime;
using FoiDesk.Mail.Mime.Encodings;

namespace FoiDesk.Mail.Tests.Mime;

public sealed class HeaderParsingTests
{
    [TestCase("=?utf-8?Q?caf=C3=A9?=", "café")]
    [TestCase("=?UTF-8?B?Y2Fmw6k=?=", "café")]
    [TestCase("=?utf-8?q?a?= =?utf-8?q?b?=", "ab")] // RFC 2047 6.2: whitespace between adjacent words is dropped
    [TestCase("=?utf-8?q?a?=\r\n =?utf-8?q?b?=", "ab")] // ... also when folded
    [TestCase("Re: =?utf-8?q?x?= y", "Re: x y")]
    [TestCase("=?utf-8?B?4oK=?= =?utf-8?B?rA==?=", "€")] // one character split across two words
    [TestCase("=?iso-8859-1?q?caf=E9_cr=E8me?=", "café crème")] // '_' is a space in Q
    [TestCase("=?utf-8*en?q?hello?=", "hello")] // RFC 2231 language suffix
    [TestCase("=?bogus?q?abc", "=?bogus?q?abc")] // malformed: kept as text
    [TestCase("=?utf-8?X?abc?=", "=?utf-8?X?abc?=")] // unknown encoding letter: kept
    [TestCase("=?utf-7?B?K0FPRS0=?=", "á")] // UTF-7 inside an encoded-word (RFC 2152)
    [TestCase("=?hz-gb-2312?B?fntPck9ISXpWQn59?=", "向先生致")]
    [TestCase("plain\r\n text", "plain text")] // unfolding
    public void Rfc2047_Decode_Expected(string raw, string expected)
    {
        Assert.That(Rfc2047.Decode(raw), Is.EqualTo(expected));
    }

    [TestCase("text/plain; charset=\"utf-8\"", "text/plain", "charset", "utf-8")]
    [TestCase("TEXT/HTML; CHARSET=ISO-8859-1", "text/html", "charset", "ISO-8859-1")] // odd case
    [TestCase("application/pdf; name*=utf-8''%E2%82%AC%20rates.pdf", "application/pdf", "name", "€ rates.pdf")] // RFC 2231 charset
    [TestCase("application/pdf; name*0=\"long \"; name*1=\"name.pdf\"", "application/pdf", "name", "long name.pdf")] // continuations
    [TestCase("application/pdf; name*0*=utf-8''%C5%B5; name*1*=%C5%B7.pdf", "application/pdf", "name", "ŵŷ.pdf")] // encoded continuations
    [TestCase("application/pdf; name=\"=?utf-8?B?w6kucGRm?=\"", "application/pdf", "name", "é.pdf")] // RFC 2047 in a quoted parameter (Outlook)
    [TestCase("multipart/mixed; boundary=\n    \"----_=_NextPart_001\"", "multipart/mixed", "boundary", "----_=_NextPart_001")] // folded value
    [TestCase("image/jpeg; name=\"w.JPG\"\n ; x-mac-type=\"4A504547\"", "image/jpeg", "x-mac-type", "4A504547")] // cpython msg_22
    [TestCase("application/octet-stream; name=my file.pdf", "application/octet-stream", "name", "my file.pdf")] // unquoted with space
    [TestCase("text/plain; charset*=ansi-x3.4-1968''us-ascii", "text/plain", "charset", "us-ascii")]
    public void ContentType_Parse_Expected(string raw, string mimeType, string parameter, string value)
    {
        var ct = ContentType.Parse(raw);
        Assert.That(ct, Is.Not.Null);
        Assert.That(ct!.MimeType, Is.EqualTo(mimeType));
        Assert.That(ct.Parameters[parameter], Is.EqualTo(value));
    }

    [TestCase("text", "text/plain")] // missing subtype (cpython msg_14)
    [TestCase("garbage/", null)]
    [TestCase("", null)]
    public void ContentType_Malformed_DefaultOrNull(string raw, string? expected)
    {
        Assert.That(ContentType.Parse(raw)?.MimeType, Is.EqualTo(expected));
    }

    [TestCase("a@example.org", null, "a@example.org")]
    [TestCase("Ann Other <ann@example.org>", "Ann Other", "ann@example.org")]
    [TestCase("\"Other, Ann\" <ann@example.org>", "Other, Ann", "ann@example.org")]
    [TestCase("ann@example.org (Ann Other)", "Ann Other", "ann@example.org")] // comment as name
    [TestCase("=?utf-8?q?Si=C3=A2n?= <sian@example.org>", "Siân", "sian@example.org")]
    [TestCase("<@route.example:ann@example.org>", null, "ann@example.org")] // obsolete route (RFC 5322 4.4)
    [TestCase("Ann <ann@example.org", "Ann", "ann@example.org")] // unclosed angle
    public void Address_Single_Parsed(string raw, string? name, string address)
    {
        var list = AddressParser.Parse(raw);
        Assert.That(list, Has.Count.EqualTo(1));
        Assert.That(list[0], Is.EqualTo(new MailboxAddress(name, address)));
    }

    [TestCase("A Group:Chris Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;", "c@a.test,joe@where.test,jdoe@one.test")] // RFC 5322 A.1.3
    [TestCase("Undisclosed recipients:;", "")]
    [TestCase("Smith, John <john@example.org>, jane@example.org", "john@example.org,jane@example.org")] // unquoted comma in a name
    [TestCase("WDTK User <request-1@x.com>, Another address\n\t<foi@example.com>", "request-1@x.com,foi@example.com")]
    public void Address_List_Addresses(string raw, string expected)
    {
        var list = AddressParser.Parse(raw);
        Assert.That(string.Join(",", list.Select(a => a.Address)), Is.EqualTo(expected));
    }

    [TestCase("Fri, 21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00")]
    [TestCase("21 Nov 97 09:55:06 GMT", "1997-11-21T09:55:06+00:00")] // two-digit year, named zone (RFC 5322 4.3)
    [TestCase("Thu, 13 Feb 1969 23:32 -0330", "1969-02-13T23:32:00-03:30")] // no seconds
    [TestCase("Mon, 22 Mar 1993 09:41:09 -0800 (PST)", "1993-03-22T09:41:09-08:00")] // comment
    [TestCase("Sat Apr 28 23:09:37 2012", "2012-04-28T23:09:37+00:00")] // asctime order, no zone
    [TestCase("May 8, 2005 1:17 PM", "2005-05-08T13:17:00+00:00")]
    [TestCase("01 Jan 2001 00:01+0000", "2001-01-01T00:01:00+00:00")] // zone glued to the time
    [TestCase("08 March 2010 09:21", "2010-03-08T09:21:00+00:00")] // full month name
    [TestCase("Fri, 20 Apr 2001 19:35:02 EDT", "2001-04-20T19:35:02-04:00")]
    [TestCase("Sun, 12 Aug 2012 12:34:56 +0300", "2012-08-12T12:34:56+03:00")]
    public void Date_Parse_Expected(string raw, string iso)
    {
        Assert.That(DateParser.Parse(raw), Is.EqualTo(DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("Pn, 29 paX 2007 21:13:00 +0100")] // no month we know
    [TestCase("Thu,")]
    [TestCase("31 Feb 2020 10:00:00 +0000")] // no such day
    public void Date_Unreadable_Null(string raw)
    {
        Assert.That(DateParser.Parse(raw), Is.Null);
    }

    [TestCase("caf\u00e9", "iso-8859-1", "café")]
    [TestCase("\u0093quoted\u0094", "iso-8859-1", "“quoted”")] // C1 bytes: windows-1252 (WHATWG)
    [TestCase("\u00d4\u00c5\u00d3\u00d4", "koi8-r", "тест")]
    [TestCase("\u00c4\u00e3", "gb2312", "你")]
    [TestCase("plain", "no-such-charset", "plain")]
    public void Charsets_Decode_Expected(string latin1Bytes, string charset, string expected)
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes(latin1Bytes);
        Assert.That(Charsets.Decode(bytes, charset, null), Is.EqualTo(expected));
    }

    [Test]
    public void Charsets_InvalidUtf8Declared_ReplacementCharacter()
    {
        Assert.That(Charsets.Decode([(byte)'h', (byte)'i', 0xF0], "utf-8", null), Is.EqualTo("hi\uFFFD"));
    }

    [Test]
    public void Charsets_UndeclaredInvalidUtf8_Windows1252()
    {
        Assert.That(Charsets.Decode([(byte)'a', 0x96, (byte)'b'], null, null), Is.EqualTo("a–b"));
    }

    [TestCase("Hi Mom -+Jjo--!", "Hi Mom -☺-!")] // RFC 2152 examples
    [TestCase("+ZeVnLIqe-", "日本語")]
    [TestCase("A+ImIDkQ.", "A≢Α.")]
    [TestCase("1 +- 1", "1 + 1")]
    public void Utf7_Decode_Rfc2152Examples(string input, string expected)
    {
        Assert.That(Utf7.Decode(System.Text.Encoding.ASCII.GetBytes(input)), Is.EqualTo(expected));
    }
}
