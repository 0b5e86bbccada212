using FoiDesk.Replies;

namespace FoiDesk.Tests.Replies;

public class TemplateEngineTests
{
    private static TemplateScope Scope(params (string Key, object? Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));

    private static string Render(string template, TemplateScope scope) =>
        TemplateEngine.Render(template, scope, LetterLanguage.English).Markdown;

    [Test]
    public void Render_Field_IsEscapedForMarkdown()
    {
        var md = Render("Dear {{ name }},", Scope(("name", "*Jane* [x](y) <b>")));

        Assert.That(md, Is.EqualTo(@"Dear \*Jane\* \[x\]\(y\) \<b\>,"));
    }

    [Test]
    public void Render_MarkdownValue_IsInsertedAsWritten()
    {
        Assert.That(Render("{{ a }}", Scope(("a", new MarkdownValue("**Yes**")))), Is.EqualTo("**Yes**"));
    }

    [TestCase("foi@anytown.gov.uk", "<foi@anytown.gov.uk>")]
    [TestCase("https://ico.org.uk/make-a-complaint/", "<https://ico.org.uk/make-a-complaint/>")]
    [TestCase("javascript:alert(1)", @"javascript\:alert\(1\)")] // not a web or email address: plain text
    [TestCase("https://x.example/a b", @"https\://x\.example/a b")] // spaces cannot be in an autolink
    public void Render_Link_AutolinksOnlyWellFormedAddresses(string target, string expected)
    {
        Assert.That(Render("{{ l }}", Scope(("l", new LinkValue(target)))), Is.EqualTo(expected));
    }

    [Test]
    public void Render_EachWithStandaloneTags_RemovesTagLines()
    {
        var items = new List<TemplateScope> { Scope(("n", 1)), Scope(("n", 2)) };

        var md = Render("List:\n{{#each items}}\n- {{ n }}\n{{/each}}\nEnd", Scope(("items", items)));

        Assert.That(md, Is.EqualTo("List:\n- 1\n- 2\nEnd"));
    }

    [Test]
    public void Render_IfElse_ChoosesBranch()
    {
        const string T = "{{#if flag}}yes{{else}}no{{/if}} {{#unless flag}}u{{/unless}}";

        Assert.That(Render(T, Scope(("flag", true))), Is.EqualTo("yes "));
        Assert.That(Render(T, Scope(("flag", false))), Is.EqualTo("no u"));
        Assert.That(Render(T, Scope(("flag", null))), Is.EqualTo("no u"));
    }

    [Test]
    public void Render_NullField_IsMissingWithItsPosition()
    {
        var items = new List<TemplateScope> { Scope(("answer", new MarkdownValue("A"))), Scope(("answer", null)) };

        var result = TemplateEngine.Render("{{ title }}{{#each questions}}{{ answer }}{{/each}}",
            Scope(("title", null), ("questions", items)), LetterLanguage.English);

        Assert.That(result.MissingFields, Is.EqualTo(new[] { "questions[2].answer", "title" }));
        Assert.That(result.UnknownFields, Is.Empty);
    }

    [Test]
    public void Render_FieldFromOuterScopeInsideEach_Resolves()
    {
        var items = new List<TemplateScope> { Scope(("n", 1)) };

        Assert.That(Render("{{#each items}}{{ n }}/{{ ref }}{{/each}}", Scope(("items", items), ("ref", "R1"))), Is.EqualTo("1/R1"));
    }

    [Test]
    public void Render_MissingFieldInSkippedBranch_IsNotReported()
    {
        var result = TemplateEngine.Render("{{#if fee}}{{ fee }}{{/if}}", Scope(("fee", null)), LetterLanguage.English);

        Assert.That(result.MissingFields, Is.Empty);
    }

    [Test]
    public void Render_UnknownField_IsReportedNotPrintedEmpty()
    {
        var result = TemplateEngine.Render("A{{ nosuch }}B {{ case.refrence }} {{#if missing.flag}}x{{/if}}{{#each nolist}}y{{/each}}",
            Scope(("case.reference", "R1")), LetterLanguage.English);

        Assert.That(result.UnknownFields, Is.EqualTo(new[] { "case.refrence", "missing.flag", "nolist", "nosuch" }));
        Assert.That(result.MissingFields, Is.Empty);
    }

    [Test]
    public void Render_EachOverText_IsUnknownNotCharacters()
    {
        var result = TemplateEngine.Render("{{#each name}}x{{/each}}", Scope(("name", "Jane")), LetterLanguage.English);

        Assert.That(result.Markdown, Is.Empty);
        Assert.That(result.UnknownFields, Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void Render_NestedEach_InnerListShadowsOuterAndOuterFieldsResolve()
    {
        var inner = new List<TemplateScope> { Scope(("name", "a.pdf")) };
        var items = new List<TemplateScope> { Scope(("n", 1), ("attachments", inner)), Scope(("n", 2), ("attachments", new List<TemplateScope>())) };

        var md = Render("{{#each items}}{{ n }}:{{#each attachments}}{{ name }}/{{ regime.eir }};{{/each}}{{/each}}",
            Scope(("items", items), ("attachments", new List<TemplateScope> { Scope(("name", "outer")) }), ("regime.eir", true)));

        Assert.That(md, Is.EqualTo(@"1:a\.pdf/yes;2:"));
    }

    [Test]
    public void Render_ClosingTagNamingItsBlock_IsAccepted()
    {
        var items = new List<TemplateScope> { Scope(("n", 1)) };

        Assert.That(Render("{{#each items}}{{ n }}{{/each items}}{{#if f}}y{{/if f}}", Scope(("items", items), ("f", true))), Is.EqualTo("1y"));
    }

    [Test]
    public void Render_SpacesInsideBlockTags_AreAcceptedAsBefore()
    {
        const string T = "{{ #if f }}a{{ else }}b{{ /if }}";

        Assert.That(Render(T, Scope(("f", true))), Is.EqualTo("a"));
        Assert.That(Render(T, Scope(("f", false))), Is.EqualTo("b"));
    }

    [Test]
    public void Render_BackslashBeforeTag_IsAMarkdownBreakNotAnEscapedTag()
    {
        Assert.That(Render("a\\{{ x }}", Scope(("x", "1"))), Is.EqualTo("a\\1"));
        Assert.That(Render("{{ a }}\\\n{{ b }}", Scope(("a", "1"), ("b", "2"))), Is.EqualTo("1\\\n2"));
    }

    [Test]
    public void Render_HtmlInCaseText_IsEscapedOnceForMarkdownNotForHtml()
    {
        var md = Render("{{ name }}", Scope(("name", "Tom & Jerry <b>")));

        Assert.That(md, Is.EqualTo(@"Tom \& Jerry \<b\>"), "Markdown escapes only: the HTML renderer escapes once more, so no &amp;amp;");
        Assert.That(LetterMarkdown.ToHtmlFragment(LetterMarkdown.Parse(md)), Does.Contain("Tom &amp; Jerry &lt;b&gt;"));
    }

    [Test]
    public void Configuration_UnresolvedName_Throws()
    {
        // The safety net behind the field binding: Handlebars itself is told never to print an unknown name as "".
        var handlebars = HandlebarsDotNet.Handlebars.Create(TemplateBinding.Configuration());
        var template = handlebars.Compile("{{ nosuch }}");

        Assert.That(() => template(new { other = 1 }, null!), Throws.TypeOf<HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException>());
    }

    [TestCase("{{#if a}}x")] // never closed
    [TestCase("{{/if a}}")] // closes nothing
    [TestCase("{{#if a}}x{{/if b}}")] // closes a different block
    [TestCase("{{#if a}}x{{/each a}}")] // closes the wrong kind
    [TestCase("{{#each a}}{{else}}{{/each a}}")] // else belongs to if/unless
    [TestCase("{{ a b }}")] // no expressions
    [TestCase("{{ system('rm') }}")] // no calls
    [TestCase("Dear {{ requester.name },")] // tag never closed: would be sent as literal text
    [TestCase("Dear requester.name }},")] // stray closing braces
    [TestCase("{{{ name }}}")] // raw output would bypass Markdown escaping
    [TestCase("{{> footer }}")] // partials
    [TestCase("{{ ../name }}")] // parent paths
    [TestCase("{{ @index }}")] // data variables
    [TestCase("{{! comment }}")] // comments
    [TestCase("{{ lookup }}")] // a helper, not a field
    [TestCase("{{ this }}")] // the context itself
    [TestCase("{{#each this}}x{{/each}}")] // nor iterate over it
    [TestCase("{{~ name ~}}")] // whitespace control
    [TestCase("{{#with a}}x{{/with}}")] // other blocks
    [TestCase("{{ a..b }}")] // empty path segment
    public void Validate_MalformedTemplate_Throws(string template)
    {
        Assert.That(() => TemplateEngine.Validate(template), Throws.TypeOf<FormatException>());
    }

    [TestCase(2023, 5, 16, LetterLanguage.English, "16 May 2023")]
    [TestCase(2024, 1, 1, LetterLanguage.English, "1 January 2024")] // no leading zero
    [TestCase(2023, 5, 16, LetterLanguage.Welsh, "16 Mai 2023")]
    [TestCase(2023, 2, 3, LetterLanguage.Welsh, "3 Chwefror 2023")]
    [TestCase(2023, 12, 25, LetterLanguage.Welsh, "25 Rhagfyr 2023")]
    public void Date_IsBritishStyle(int y, int m, int d, LetterLanguage language, string expected)
    {
        Assert.That(LetterFormat.Date(new DateOnly(y, m, d), language), Is.EqualTo(expected));
    }

    [TestCase("450", "£450.00")]
    [TestCase("1234.5", "£1,234.50")]
    public void Money_IsPoundsAndPence(string amount, string expected)
    {
        Assert.That(LetterFormat.Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(expected));
    }
}
