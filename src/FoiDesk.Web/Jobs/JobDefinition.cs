namespace FoiDesk.Web.Jobs;

/// <summary>
/// One recurring job: its id (also its name on /admin/jobs), the work, its cron (read in Europe/London) and
/// whether this configuration runs it at all.
/// </summary>
public sealed record JobDefinition(string Id, Type JobType, string Cron, bool Enabled, string Description);
