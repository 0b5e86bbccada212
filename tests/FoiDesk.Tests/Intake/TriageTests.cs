using FoiDesk.Intake;

namespace FoiDesk.Tests.Intake;

public sealed class TriageTests
{
    private static TriageProposal Propose(string text, string subject = "", string? from = null, params string[] earlier) =>
        RouteProposer.Propose(new TriageInput { Text = text, Subject = subject, FromAddress = from, EarlierNormalisedTexts = earlier });

    // Rule in the comment; the text is the whole request body.
    [TestCase("Please provide the number of agency social workers employed on 31 March 2024.", RequestRoute.Foi)] // plain information request
    [TestCase("Under the Freedom of Information Act, how much did the council spend on consultants in 2023?", RequestRoute.Foi)]
    [TestCase("Please provide the air quality monitoring results for the High Street station for 2023.", RequestRoute.Eir)] // air quality
    [TestCase("How many planning applications for extensions were refused in 2023?", RequestRoute.Eir)] // planning decisions are measures affecting land
    [TestCase("Please provide the council's records of fly-tipping incidents by ward.", RequestRoute.Eir)] // waste
    [TestCase("How many households were flooded in the 2023 storms?", RequestRoute.Eir)] // flooding
    [TestCase("How many trees did the council fell in 2023 and how many were replanted?", RequestRoute.Eir)] // trees
    [TestCase("How many noise complaints did the council receive in 2023?", RequestRoute.Eir)] // noise
    [TestCase("Please provide the contaminated land register.", RequestRoute.Eir)]
    [TestCase("What was the council's energy consumption across its buildings in 2023?", RequestRoute.Eir)] // energy
    [TestCase("What were the council's carbon emissions in 2022/23?", RequestRoute.Eir)] // emissions
    [TestCase("Please provide your workforce planning strategy for social care.", RequestRoute.Foi)] // "workforce planning" is not land-use planning
    [TestCase("I would like to make a subject access request for all information you hold about me.", RequestRoute.SubjectAccess)]
    [TestCase("Please send me a copy of my personal data held by the housing department.", RequestRoute.SubjectAccess)] // my personal data
    [TestCase("Under Article 15 of the UK GDPR please provide the records you hold on me.", RequestRoute.SubjectAccess)]
    [TestCase("Please pass this on to the person who conducts Freedom of Information reviews. I am writing to request an internal review of Example Council's handling of my FOI request.", RequestRoute.InternalReview)] // WhatDoTheyKnow's internal review template
    [TestCase("I am not satisfied with your response to question 3 and ask you to reconsider.", RequestRoute.InternalReview)]
    [TestCase("There is a pothole outside my house on Mill Lane, please fix it.", RequestRoute.NotFoi)] // routine service request
    [TestCase("My green bin was not collected on Tuesday.", RequestRoute.NotFoi)]
    [TestCase("The street light is not working on Station Road.", RequestRoute.NotFoi)]
    [TestCase("How many potholes were reported on Mill Lane in 2023? There is a pothole outside my house.", RequestRoute.Foi)] // asks for information: FOI wins over the complaint
    public void Propose_RequestText_Route(string text, RequestRoute route)
    {
        var proposal = Propose(text);

        Assert.That(proposal.Route, Is.EqualTo(route), string.Join("; ", proposal.Reasons));
        Assert.That(proposal.Reasons, Is.Not.Empty);
    }

    [Test]
    public void Propose_SubjectAccess_ReasonNamesTheCue()
    {
        var proposal = Propose("Please provide all information you hold about me, including my personal data on your CRM.");

        Assert.That(proposal.Reasons, Has.Some.Contains("my personal data"));
        Assert.That(proposal.Reasons, Has.Some.Contains("information held about me"));
    }

    [Description("Seed 001: a Bedford commissioning officer's round-robin request, which Northamptonshire does not log as FOI")]
    [Test]
    public void Propose_CouncilOfficerAskingAnotherCouncil_NotFoiWithFoiToConsider()
    {
        var proposal = Propose(TestFiles.Read("Questions/Seed/northamptonshire-request-with-blank-lines.txt"));

        Assert.That(proposal.Route, Is.EqualTo(RequestRoute.NotFoi));
        Assert.That(proposal.Reasons, Has.Some.Contains("Bedford Borough Council"));
        Assert.That(proposal.AlsoConsider, Does.Contain(RequestRoute.Foi));
    }

    [Description("Seed 000: the same questions from a member of the public are FOI")]
    [Test]
    public void Propose_SameRequestFromThePublic_Foi()
    {
        var proposal = Propose(TestFiles.Read("Questions/Seed/thurrock-request-as-sent.txt"));

        Assert.That(proposal.Route, Is.EqualTo(RequestRoute.Foi), string.Join("; ", proposal.Reasons));
    }

    [Test]
    public void Propose_GovUkSender_NotFoi()
    {
        var proposal = Propose("Please could you share your policy on home to school transport?", from: "commissioning@example-county.gov.uk");

        Assert.That(proposal.Route, Is.EqualTo(RequestRoute.NotFoi));
        Assert.That(proposal.Reasons, Has.Some.Contains(".gov.uk"));
    }

    [Test]
    public void Propose_SameTextAsEarlierRequest_Duplicate()
    {
        const string First = "Dear Council,\n\nHow many parking permits were issued in 2023?\n\nYours faithfully,\nSam Example";
        const string Again = "Dear  Council,\nHow many parking permits were issued in 2023\nYours faithfully, Sam Example";

        var proposal = Propose(Again, earlier: RouteProposer.NormaliseForDuplicate(First));

        Assert.That(proposal.Route, Is.EqualTo(RequestRoute.Duplicate));
        Assert.That(proposal.AlsoConsider, Does.Contain(RequestRoute.Foi));
    }

    // Intake proposes from the text ahead of the database and applies the duplicate check afterwards; the
    // result must be what one call with the earlier texts gives.
    [TestCase("Dear Council,\n\nHow many parking permits were issued in 2023?\n\nYours faithfully,\nSam", RequestRoute.Foi)]
    [TestCase("Please send me a copy of all the personal data you hold about me.", RequestRoute.SubjectAccess)]
    [TestCase("Please could you fix the streetlight outside number 4.", RequestRoute.NotFoi)]
    [TestCase("I would like an internal review of your response to my request.", RequestRoute.InternalReview)]
    public void AsDuplicate_AfterProposeFromText_SameAsProposeWithEarlierTexts(string text, RequestRoute fresh)
    {
        var input = new TriageInput { Text = text, EarlierNormalisedTexts = [RouteProposer.NormaliseForDuplicate(text)] };

        var fromText = RouteProposer.ProposeFromText(input);
        var composed = RouteProposer.AsDuplicate(fromText);
        var direct = RouteProposer.Propose(input);

        Assert.That(fromText.Route, Is.EqualTo(fresh));
        Assert.That(composed.Route, Is.EqualTo(RequestRoute.Duplicate));
        Assert.That(composed.Reasons, Is.EqualTo(direct.Reasons));
        Assert.That(composed.AlsoConsider, Is.EqualTo(direct.AlsoConsider));
    }

    [Test]
    public void Propose_DifferentYear_NotDuplicate()
    {
        var earlier = RouteProposer.NormaliseForDuplicate("How many parking permits were issued in 2022?");

        Assert.That(Propose("How many parking permits were issued in 2023?", earlier: earlier).Route, Is.EqualTo(RequestRoute.Foi));
    }

    [Test]
    public void Propose_MixedSubjectAccessAndEnvironment_SubjectAccessFirstEirToConsider()
    {
        var proposal = Propose("Please provide my personal data and the noise monitoring results for my street.");

        Assert.That(proposal.Route, Is.EqualTo(RequestRoute.SubjectAccess));
        Assert.That(proposal.AlsoConsider, Does.Contain(RequestRoute.Eir));
    }
}
