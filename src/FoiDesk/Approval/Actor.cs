namespace FoiDesk.Approval;

/// <summary>
/// Who is acting: the account id (for the audit log), the name the timeline shows, and the way they came
/// (web, api, cli), which the audit entry records.
/// </summary>
public sealed record Actor(long? AccountId, string Name, string Via = "web");
