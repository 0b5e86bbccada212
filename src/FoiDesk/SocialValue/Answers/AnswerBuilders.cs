using System.Globalization;
using System.Text;
using static FoiDesk.SocialValue.Answers.DraftMarkdown;

namespace FoiDesk.SocialValue.Answers;

/// <summary>
/// The seven builders. Each takes the group's data as at a date and returns figures plus a draft: a sentence
/// or two, a pipe table and the source. They quote verified figures where the question is about results,
/// and say that monetised social value is a proxy, not cash.
/// </summary>
public static class AnswerBuilders
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static SocialValueAnswer Build(string question, AnswerData data) => question switch
    {
        SocialValueQuestions.Consideration => Consideration(data),
        SocialValueQuestions.Outcomes => Outcomes(data),
        SocialValueQuestions.Communication => Communication(data),
        SocialValueQuestions.Weighting => Weighting(data),
        SocialValueQuestions.Measurement => Measurement(data),
        SocialValueQuestions.Impact => Impact(data),
        SocialValueQuestions.FinancialReturn => FinancialReturn(data),
        _ => throw new ArgumentOutOfRangeException(nameof(question), question, "unknown question"),
    };

    /// <summary>Q1: was social value considered before procurement (Social Value Act 2012 s.1(3))?</summary>
    public static SocialValueAnswer Consideration(AnswerData d)
    {
        var byService = d.Group == SocialValueVocabulary.AllGroups
            ? d.Contracts.GroupBy(c => c.FoiServiceGroup).OrderBy(g => SocialValueVocabulary.ServiceGroups.ToList().IndexOf(g.Key)).Select(g => (GroupLabel(g.Key), g.ToList()))
            : d.Contracts.GroupBy(c => c.ServiceCategoryLabel).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.ToList()));
        var rows = byService.Select(s => new ConsiderationRow(s.Item1, s.Item2.Count, s.Item2.Count(c => c.SvConsideredPreProcurement), s.Item2.Count(c => c.SvInScope))).ToList();
        var data = new ConsiderationData(d.Contracts.Count, d.Contracts.Count(c => c.SvConsideredPreProcurement), d.Contracts.Count(c => c.SvInScope), rows);
        var sb = Intro(d);
        sb.Append(data.Contracts == 0
            ? "We hold no contracts for this service."
            : data.ConsideredPreProcurement == data.Contracts
                ? $"Yes. Social value was considered before procurement for all {data.Contracts} contracts"
                : $"Social value was considered before procurement for {data.ConsideredPreProcurement} of {data.Contracts} contracts");
        if (data.Contracts > 0)
        {
            sb.Append(Inv, $", and assessed at award for {data.AssessedAtAward}.");
        }

        sb.AppendLine().AppendLine();
        sb.Append(Table(["Service", "Contracts", "Considered before procurement", "Assessed at award"],
            rows.Select(r => (IReadOnlyList<string>)[r.Service, Count(r.Contracts), Count(r.ConsideredPreProcurement), Count(r.AssessedAtAward)]), new HashSet<int> { 1, 2, 3 }));
        return Finish(SocialValueQuestions.Consideration, d, data, sb, usesReturns: false, []);
    }

    /// <summary>Q2: the outcomes sought, from the commitments written into contracts.</summary>
    public static SocialValueAnswer Outcomes(AnswerData d)
    {
        var quantitative = d.Commitments.GroupBy(c => c.MeasureCode).Select(g => new OutcomeRow(
            g.First().FrameworkCode, g.First().ThemeName, g.Key, g.First().Description, "quantitative", g.Select(c => c.ContractRef).Distinct().Count()));
        var qualitative = d.Qualitative.GroupBy(q => q.MeasureCode).Select(g => new OutcomeRow(
            g.First().FrameworkCode, g.First().ThemeName, g.Key, g.First().CommitmentText, "qualitative", g.Select(c => c.ContractRef).Distinct().Count()));
        var rows = quantitative.Concat(qualitative).OrderByDescending(r => r.Contracts).ThenBy(r => r.MeasureCode, StringComparer.Ordinal).ToList();
        var data = new OutcomesData(d.Commitments.Count, d.Qualitative.Count, rows);
        var sb = Intro(d);
        sb.Append(Inv, $"The outcomes we seek are set as commitments in each contract: {data.QuantitativeCommitments} measurable commitments against {quantitative.Count()} measures, and {data.QualitativeCommitments} qualitative commitments. ");
        sb.AppendLine("The table lists each measure and how many contracts include it.").AppendLine();
        sb.Append(Table(["Theme", "Measure", "What we ask for", "Kind", "Contracts"],
            rows.Select(r => (IReadOnlyList<string>)[r.Theme, r.MeasureCode, r.Description, r.Kind, Count(r.Contracts)]), new HashSet<int> { 4 }));
        return Finish(SocialValueQuestions.Outcomes, d, data, sb, usesReturns: false, []);
    }

    /// <summary>Q3: how social value requirements are communicated to providers.</summary>
    public static SocialValueAnswer Communication(AnswerData d)
    {
        var rows = SocialValueVocabulary.CommunicationChannels
            .Select(ch => new ChannelRow(ch.Key, ch.Value, d.Contracts.Count(c => c.SvCommChannels.Contains(ch.Key, StringComparer.Ordinal))))
            .Where(r => r.Contracts > 0)
            .OrderByDescending(r => r.Contracts).ThenBy(r => r.Channel, StringComparer.Ordinal)
            .ToList();
        var data = new CommunicationData(d.Contracts.Count, d.Commitments.Count, d.Commitments.Count(c => c.InContractKpiSchedule), rows);
        var sb = Intro(d);
        sb.Append(Inv, $"We communicate our social value requirements to providers in the following ways (number of the {data.Contracts} contracts where each was used). ");
        sb.AppendLine(Inv, $"{data.CommitmentsInKpiSchedule} of the {data.Commitments} measurable commitments are written into the contract's KPI schedule.").AppendLine();
        sb.Append(Table(["How", "Contracts"], rows.Select(r => (IReadOnlyList<string>)[r.Label, Count(r.Contracts)]), new HashSet<int> { 1 }));
        return Finish(SocialValueQuestions.Communication, d, data, sb, usesReturns: false, []);
    }

    /// <summary>Q4: the social value weighting in tender evaluation.</summary>
    public static SocialValueAnswer Weighting(AnswerData d)
    {
        var scored = d.Contracts.Where(c => c.SvWeightingPct > 0).ToList();
        var rows = d.Contracts.GroupBy(c => (c.SvWeightingPct, c.SvEvaluationMethod))
            .Select(g => new WeightingRow(g.Key.SvWeightingPct, g.Key.SvEvaluationMethod, g.Count()))
            .OrderByDescending(r => r.WeightingPct).ThenBy(r => r.EvaluationMethod, StringComparer.Ordinal).ToList();
        var data = new WeightingData(d.Contracts.Count, scored.Count,
            scored.Count > 0 ? scored.Min(c => c.SvWeightingPct) : null,
            scored.Count > 0 ? scored.Max(c => c.SvWeightingPct) : null, rows);
        var sb = Intro(d);
        if (data.MinPct is { } min && data.MaxPct is { } max)
        {
            sb.Append(Inv, $"Where social value is scored in the tender evaluation ({data.Scored} of {data.Contracts} contracts), it carries ");
            sb.Append(min == max ? $"{Pct(min)} of the total score." : $"between {Pct(min)} and {Pct(max)} of the total score.");
        }
        else
        {
            sb.Append(Inv, $"Social value was not given a scored weighting in the tender evaluation of any of the {data.Contracts} contracts.");
        }

        if (data.Scored < data.Contracts)
        {
            sb.Append(Inv, $" For the other {data.Contracts - data.Scored} it was not scored (for example a pass/fail test for admission to a dynamic purchasing system, or a contract let before the policy).");
        }

        sb.AppendLine().AppendLine();
        sb.Append(Table(["Social value weighting", "How social value was evaluated", "Contracts"],
            rows.Select(r => (IReadOnlyList<string>)[r.WeightingPct > 0 ? Pct(r.WeightingPct) : "not scored", r.EvaluationMethod, Count(r.Contracts)]), new HashSet<int> { 2 }));
        return Finish(SocialValueQuestions.Weighting, d, data, sb, usesReturns: false, []);
    }

    /// <summary>Q5: how returns are measured and checked in contract management.</summary>
    public static SocialValueAnswer Measurement(AnswerData d)
    {
        string[] order = ["verified", "queried", "rejected", "submitted", "nil_return", "overdue"];
        var byStatus = order.Select(s => new CountRow(s, d.Returns.Count(r => r.Status == s))).ToList();
        var frequency = d.Contracts.GroupBy(c => c.SvReportingFrequency).Select(g => new CountRow(g.Key, g.Count())).OrderByDescending(r => r.Count).ToList();
        var evidence = d.Returns.Where(r => r.EvidenceType is not null).GroupBy(r => r.EvidenceType!).Select(g => new CountRow(g.Key, g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var data = new MeasurementData(d.Returns.Count, byStatus[0].Count, byStatus[1].Count + byStatus[2].Count, byStatus, frequency, evidence);
        var sb = Intro(d);
        sb.Append("Providers report delivery against each commitment (");
        sb.Append(string.Join(", ", frequency.Select(f => $"{f.Name}: {f.Count} contract{(f.Count == 1 ? "" : "s")}")));
        sb.Append("), with evidence such as payroll extracts, training records and attendance registers. The contract manager checks the evidence and accepts a verified figure; figures that are not supported are queried (partly accepted) or rejected. ");
        sb.AppendLine(Inv, $"Of {data.Returns} returns, {data.Verified} were verified and {data.Challenged} queried or rejected.").AppendLine();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["verified"] = "Verified", ["queried"] = "Queried (partly accepted)", ["rejected"] = "Rejected",
            ["submitted"] = "Submitted, awaiting checks", ["nil_return"] = "Nil return", ["overdue"] = "Overdue (not received)",
        };
        sb.Append(Table(["Return status", "Returns"], byStatus.Select(r => (IReadOnlyList<string>)[labels[r.Name], Count(r.Count)]), new HashSet<int> { 1 }));
        return Finish(SocialValueQuestions.Measurement, d, data, sb, usesReturns: true, []);
    }

    /// <summary>Q6: the impact achieved, in each measure's own unit, verified figures only.</summary>
    public static SocialValueAnswer Impact(AnswerData d)
    {
        var commitments = d.Commitments.ToDictionary(c => c.CommitmentId, StringComparer.Ordinal);
        var flags = new List<AnswerFlag>();
        var rows = d.Returns.Where(r => commitments.ContainsKey(r.CommitmentId)).GroupBy(r => r.MeasureCode).Select(g =>
        {
            var c = commitments[g.First().CommitmentId];
            var verified = g.Where(IsAccepted).Sum(r => r.VerifiedQuantity ?? 0);
            var suppressed = SocialValueVocabulary.PeopleCountUnits.Contains(c.UnitCode) && verified > 0 && verified < 5;
            return new ImpactRow(g.Key, c.Description, c.UnitCode, c.UnitLabel, verified, g.Sum(r => r.ReportedQuantity ?? 0),
                g.Select(r => r.ContractRef).Distinct().Count(), suppressed, suppressed ? "fewer than 5" : c.UnitCode is "gbp" or "gbp_invested" ? Money(verified) : Quantity(verified));
        }).OrderBy(r => r.MeasureCode, StringComparer.Ordinal).ToList();
        var qualitative = d.Qualitative.GroupBy(q => q.LatestStatus).Select(g => new CountRow(g.Key, g.Count())).OrderByDescending(r => r.Count).ToList();
        var data = new ImpactData(rows, qualitative);
        if (rows.Any(r => r.Suppressed))
        {
            flags.Add(new("small-numbers", $"{string.Join(", ", rows.Where(r => r.Suppressed).Select(r => r.MeasureCode))}: counts of people from 1 to 4 are shown as \"fewer than 5\" (FOIA s.40: they could identify care leavers or carers)."));
        }

        var sb = Intro(d);
        sb.Append("The verified results delivered through these contracts, in each measure's own unit, are below. ");
        sb.Append(Inv, $"In addition, of {d.Qualitative.Count} qualitative commitments (such as paying the Real Living Wage or signing the Care Leaver Covenant), ");
        sb.AppendLine(string.Join(", ", qualitative.Select(q => $"{q.Count} {q.Name.Replace('_', ' ')}")) + ".").AppendLine();
        sb.Append(Table(["Measure", "What was delivered", "Unit", "Verified"],
            rows.Select(r => (IReadOnlyList<string>)[r.MeasureCode, r.Description, r.UnitLabel, r.Display]), new HashSet<int> { 3 }));
        if (rows.Any(r => r.Suppressed))
        {
            sb.AppendLine().AppendLine("Numbers of people from 1 to 4 are shown as \"fewer than 5\" so that individuals cannot be identified.");
        }

        return Finish(SocialValueQuestions.Impact, d, data, sb, usesReturns: true, flags);
    }

    /// <summary>Q7: the financial (proxy) return: verified and reported £ in the range, committed £ over the terms.</summary>
    public static SocialValueAnswer FinancialReturn(AnswerData d)
    {
        var commitments = d.Commitments.ToDictionary(c => c.CommitmentId, StringComparer.Ordinal);
        var verified = d.Returns.Where(IsAccepted).Sum(r => r.VerifiedSvGbp ?? 0);
        var reported = d.Returns.Sum(r => r.ReportedSvGbp ?? 0);
        var committed = d.Commitments.Sum(c => c.CommittedSvGbp ?? 0);
        var byYear = d.Returns.GroupBy(r => FinancialYear(r.PeriodStart)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new YearRow(g.Key, g.Sum(r => r.ReportedSvGbp ?? 0), g.Where(IsAccepted).Sum(r => r.VerifiedSvGbp ?? 0))).ToList();
        var byProxy = d.Returns.Where(IsAccepted).GroupBy(r => commitments.TryGetValue(r.CommitmentId, out var c) ? c.ProxyStatus : "unknown")
            .Select(g => new ProxyStatusRow(g.Key, g.Sum(r => r.VerifiedSvGbp ?? 0))).OrderByDescending(r => r.VerifiedSvGbp).ToList();
        var byProvider = d.Contracts.Select(c => new ProviderRow(c.ContractRef, c.ProviderName,
            d.Commitments.Where(m => m.ContractRef == c.ContractRef).Sum(m => m.CommittedSvGbp ?? 0),
            d.Returns.Where(r => r.ContractRef == c.ContractRef && IsAccepted(r)).Sum(r => r.VerifiedSvGbp ?? 0))).ToList();
        var data = new FinancialReturnData(verified, reported, committed, byYear, byProxy, byProvider);
        var flags = new List<AnswerFlag>
        {
            new("s43-commercial", "The data holds social value per contract and provider (byProvider). It is not in the draft: check FOIA s.43 (commercial interests) before releasing per-provider figures."),
        };
        var sb = Intro(d);
        sb.Append(Inv, $"Providers' returns were verified at {Money(verified)} of social value (they reported {Money(reported)}), against {Money(committed)} committed over the whole contract terms. ");
        sb.AppendLine("These are proxy values (the standard monetary value of each outcome under the framework, frozen when the contract was awarded), not cash savings to the council.").AppendLine();
        sb.Append(Table(["Financial year", "Reported social value", "Verified social value"],
            [.. byYear.Select(r => (IReadOnlyList<string>)[r.FinancialYear, Money(r.ReportedSvGbp), Money(r.VerifiedSvGbp)]), ["Total", Money(reported), Money(verified)]],
            new HashSet<int> { 1, 2 }));
        sb.AppendLine().AppendLine("Per-provider figures are held but not shown here: they need a check under FOIA s.43 (commercial interests) before release.");
        return Finish(SocialValueQuestions.FinancialReturn, d, data, sb, usesReturns: true, flags);
    }

    /// <summary>Verified figures count when the council has accepted them (verified, or queried and partly accepted).</summary>
    public static bool IsAccepted(ReturnRow r) => r.Status is "verified" or "queried";

    private static StringBuilder Intro(AnswerData d)
    {
        var sb = new StringBuilder();
        sb.Append(Inv, $"**{GroupLabel(d.Group)}**");
        if (d.From is not null || d.To is not null)
        {
            sb.Append(" — returns for periods ");
            sb.Append(d.From is { } f ? $"from {Date(f)} " : "");
            sb.Append(d.To is { } t ? $"to {Date(t)}" : "");
        }

        return sb.AppendLine().AppendLine();
    }

    private static SocialValueAnswer Finish(string question, AnswerData d, object data, StringBuilder sb, bool usesReturns, List<AnswerFlag> flags)
    {
        var used = usesReturns
            ? d.Commitments.Where(c => d.Returns.Any(r => r.CommitmentId == c.CommitmentId)).ToList()
            : question == SocialValueQuestions.FinancialReturn ? [.. d.Commitments] : [];
        var proxies = used.GroupBy(c => (c.MeasureCode, c.ProxyValueAtAwardGbp, c.ProxyStatus))
            .Select(g => new ProxySource(g.Key.MeasureCode, g.Key.ProxyValueAtAwardGbp, g.Key.ProxyStatus, g.First().ProxySourceRef))
            .OrderBy(p => p.MeasureCode, StringComparer.Ordinal).ToList();
        var sources = new AnswerSources
        {
            Contracts = [.. d.Contracts.Select(c => c.ContractRef)],
            Periods = usesReturns ? [.. d.Returns.OrderBy(r => r.PeriodStart).ThenBy(r => r.PeriodEnd).Select(r => r.PeriodLabel).Distinct()] : [],
            AsAt = d.AsAt,
            From = d.From,
            To = d.To,
            LastImportAt = d.LastImportAt,
            ImportIds = d.ImportIds,
            Proxies = proxies,
        };
        if (d.Contracts.Count == 0)
        {
            flags.Add(new("no-data", "No contracts for this group as at the date: the draft says so; check that the data is loaded."));
        }

        var notes = proxies.Select(p => p.ProxyStatus).Distinct().Where(SocialValueVocabulary.ProxyStatusNotes.ContainsKey).Order(StringComparer.Ordinal).ToList();
        if (notes.Contains("secondary_unverified") || notes.Contains("illustrative"))
        {
            flags.Add(new("proxy-unverified", "Some proxy values are not from the licensed framework: check them before quoting pounds."));
        }

        var s43 = d.Contracts.Select(c => c.ProviderName).Distinct().ToList();
        if (s43.Count == 1)
        {
            flags.Add(new("s43-commercial", $"All figures for this group come from one provider ({s43[0]}), so they are per-provider figures: check FOIA s.43 (commercial interests) before release."));
            sb.AppendLine().AppendLine("These figures relate to a single provider and need a FOIA s.43 (commercial interests) check before release.");
        }

        sb.AppendLine().AppendLine(SourceLine(sources, usesReturns));
        if (notes.Count > 0)
        {
            // Say which measures each proxy status covers: the reader must know which pounds rest on unchecked proxies.
            sb.AppendLine().AppendLine("Proxy values (frozen at contract award): " + string.Join("; ", notes.Select(n =>
                $"{SocialValueVocabulary.ProxyStatusNotes[n]} ({string.Join(", ", proxies.Where(p => p.ProxyStatus == n).Select(p => p.MeasureCode).Distinct())})")) + ".");
        }

        return new SocialValueAnswer { Question = question, Group = d.Group, Markdown = sb.ToString(), Data = data, Sources = sources, Flags = flags };
    }
}
