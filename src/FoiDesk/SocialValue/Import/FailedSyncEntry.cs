namespace FoiDesk.SocialValue.Import;

/// <summary>A run of the scheduled monitoring platform sync that imported nothing, and why.</summary>
public sealed record FailedSyncEntry(long Id, DateTimeOffset FailedAt, string Reason, bool WillRetry);
