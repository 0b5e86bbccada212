using System.Text.RegularExpressions;
using FoiDesk.Cases;

namespace FoiDesk.Tests.Cases;

/// <summary>The one transition table: its documentation, its lookups, and that nothing else changes a case's status.</summary>
public sealed class CaseTransitionsTests
{
    private static string RepositoryRoot => Path.GetFullPath(Path.Combine(TestFiles.Root(), "..", ".."));

    [Test]
    public void Markdown_ComparedWithDocsCaseWorkflow_IsTheSame()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "case-workflow.md")).ReplaceLineEndings("\n");

        Assert.That(doc, Is.EqualTo(CaseTransitions.Markdown()),
            "docs/case-workflow.md is rendered from CaseTransitions: run ops/foidesk case-workflow-doc > docs/case-workflow.md");
    }

    [Test]
    public void Mermaid_CaseTable_HasAnArrowPerRowAndEveryStatusNamedAsStored()
    {
        var doc = CaseTransitions.Markdown();

        Assert.That(doc, Does.Contain("stateDiagram-v2"));
        Assert.That(doc, Does.Contain("    state \"on-hold\" as OnHold\n"));
        Assert.That(doc, Does.Contain("    [*] --> New : Open\n"));
        Assert.That(doc, Does.Contain("    Approved --> Responded : Send\n"));
        Assert.That(Regex.Count(doc, " --> "), Is.EqualTo(CaseTransitions.Case.Count + CaseTransitions.Question.Count));
    }

    [Test]
    public void Tables_EachFromAndCommand_HasOneDestination()
    {
        Assert.That(CaseTransitions.Case.GroupBy(t => (t.From, t.Command)).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty);
        Assert.That(CaseTransitions.Question.GroupBy(t => (t.From, t.Command)).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty);
    }

    [Test]
    public void Next_ApproveAfterResponse_HasNoRow()
    {
        Assert.That(CaseTransitions.Next(CaseStatus.AwaitingApproval, CaseCommand.Approve), Is.EqualTo(CaseStatus.Approved));
        Assert.That(CaseTransitions.Next(CaseStatus.Responded, CaseCommand.Approve), Is.Null);
        Assert.That(CaseTransitions.Next(CaseStatus.Closed, CaseCommand.Approve), Is.Null);
        Assert.That(CaseTransitions.Next(CaseStatus.OnHold, CaseCommand.RestartClock), Is.EqualTo(CaseStatus.Open));
        Assert.That(CaseTransitions.Next(QuestionStatus.Submitted, CaseCommand.Assign), Is.Null, "a submitted answer is returned before it is reassigned");
    }

    [Test]
    public void Statuses_EveryValue_RoundTripsThroughItsStoredText()
    {
        Assert.That(CaseStatuses.All.Select(s => CaseStatuses.Parse(s.Text())), Is.EqualTo(CaseStatuses.All));
        Assert.That(QuestionStatuses.All.Select(s => QuestionStatuses.Parse(s.Text())), Is.EqualTo(QuestionStatuses.All));
        Assert.That(() => CaseStatuses.Parse("pending"), Throws.ArgumentException);
    }

    [Test]
    public void Table_EveryCaseStatus_IsReachedFromOpening()
    {
        var reached = new HashSet<CaseStatus> { CaseStatus.New };
        for (var added = true; added;)
        {
            added = false;
            foreach (var t in CaseTransitions.Case.Where(t => t.From is { } f && reached.Contains(f)))
            {
                added |= reached.Add(t.To);
            }
        }

        Assert.That(reached, Is.EquivalentTo(CaseStatuses.All));
    }

    /// <summary>Issue 18: a case's status is changed by the case workflow only (the demo year writes invented history in bulk).</summary>
    [Test]
    public void Sources_StatusUpdateOfFoiCase_OnlyInCaseWorkflow()
    {
        var src = Path.Combine(RepositoryRoot, "src");
        var statusUpdate = new Regex(@"update\s+foi_case\b[^;]*?\bset\b[^;]*?(?<![\w.])status\s*=", RegexOptions.IgnoreCase | RegexOptions.Singleline);
        var found = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => statusUpdate.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(src, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);

        Assert.That(found, Is.EqualTo(new[] { "FoiDesk/Cases/CaseWorkflow.cs", "FoiDesk/Demo/DemoYear.cs" }));
    }
}
