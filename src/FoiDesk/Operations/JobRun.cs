namespace FoiDesk.Operations;

/// <summary>One execution of a job: which, the firing it belongs to, and the host running it.</summary>
public sealed record JobRun(string JobId, DateTimeOffset ScheduledAt, string Instance);
