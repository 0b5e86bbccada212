namespace FoiDesk.Demo;

/// <summary>
/// What the fictional Wexbridge County Council is asked about (the council of demo/social-value-sample), and
/// by whom: plain-language requests of the kinds councils publish in their disclosure logs.
/// </summary>
public static class DemoRequests
{
    public sealed record Topic(string Subject, string Team, string[] Questions);

    public static readonly IReadOnlyList<string> Teams =
    [
        "Children and families commissioning",
        "Adult social care commissioning",
        "Highways and transport",
        "Finance and procurement",
        "Housing and homelessness",
    ];

    public static readonly IReadOnlyList<Topic> Topics =
    [
        new("Independent fostering agency placements", "Children and families commissioning", [
            "How many children were placed with independent fostering agencies in each of the last three financial years?",
            "What was the average weekly cost of an IFA placement in 2025/26?",
            "Which social value commitments do your fostering framework contracts include, and what was delivered?",
        ]),
        new("Residential children's homes", "Children and families commissioning", [
            "How many children in your care live in residential homes outside the county?",
            "What is the highest weekly fee you currently pay for a single placement?",
        ]),
        new("Home care hours commissioned", "Adult social care commissioning", [
            "How many hours of home care did you commission in each month of 2025/26?",
            "What hourly rate do you pay your framework home care providers?",
            "How many home care contracts were handed back by providers in the last year?",
        ]),
        new("Care home fees", "Adult social care commissioning", [
            "What are your standard weekly fee rates for residential and nursing care?",
            "How many care homes in the county have closed since April 2024?",
        ]),
        new("Pothole repairs and compensation claims", "Highways and transport", [
            "How many potholes were reported in each of the last three years?",
            "How many compensation claims for pothole damage did you receive, and how much was paid?",
            "What is your target time for repairing a category 1 defect?",
        ]),
        new("Street lighting switch-off", "Highways and transport", [
            "Which streets have part-night lighting, and since when?",
            "How much has the switch-off saved in energy costs each year?",
        ]),
        new("School transport spending", "Highways and transport", [
            "What did home-to-school transport cost in each of the last three financial years?",
            "How many pupils with special educational needs receive taxi transport?",
        ]),
        new("Consultancy spending", "Finance and procurement", [
            "How much did the council spend on management consultants in 2025/26?",
            "Please list every consultancy contract over £25,000 awarded since April 2024, with supplier and value.",
        ]),
        new("Social value in contracts", "Finance and procurement", [
            "Which of your contracts include social value commitments, and how are they measured?",
            "What social value did your largest contracts deliver last year, against what was promised?",
        ]),
        new("IT contracts and software licences", "Finance and procurement", [
            "Who supplies your finance system, and when does the contract end?",
            "What did the council spend on software licences in 2025/26?",
        ]),
        new("Temporary accommodation", "Housing and homelessness", [
            "How many households were in temporary accommodation on 31 March in each of the last three years?",
            "How many families with children stayed in bed and breakfast for more than six weeks?",
            "What did you spend on temporary accommodation in 2025/26?",
        ]),
        new("Empty homes", "Housing and homelessness", [
            "How many homes in the county have been empty for more than two years?",
            "How many empty homes premiums were charged last year?",
        ]),
    ];

    /// <summary>Round-robin requests: the same words sent to every council by one campaign or journalist.</summary>
    public static readonly IReadOnlyList<Topic> RoundRobins =
    [
        new("Spending on agency social workers (sent to all councils)", "Children and families commissioning", [
            "How many agency social workers did the council employ on 31 March 2026?",
            "What was the total spent on agency social workers in 2025/26?",
        ]),
        new("Council-owned electric vehicle chargers (sent to all councils)", "Highways and transport", [
            "How many public electric vehicle charge points does the council own or fund?",
            "How many of them were out of service for more than a week in 2025?",
        ]),
    ];

    public static readonly IReadOnlyList<string> FirstNames = ["Alex", "Sam", "Jo", "Priya", "Tom", "Aisha", "Gareth", "Mei", "Ruth", "Daniel", "Fatima", "Owen", "Chloe", "Kwame", "Niamh"];

    public static readonly IReadOnlyList<string> LastNames = ["Patel", "Jones", "Evans", "Okafor", "Smith", "Williams", "Nowak", "Hughes", "Khan", "Davies", "Murphy", "Clarke"];

    /// <summary>The exemptions the demo's refusals and partial refusals cite (codes from <see cref="FoiDesk.Questions.Exemptions"/>).</summary>
    public static readonly IReadOnlyList<string> ExemptionCodes = ["s.40(2)", "s.43(2)", "s.21", "s.31", "s.22"];
}
