using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FoiDesk.Operations;

/// <summary>
/// FoiDesk's own instruments, on the meter and activity source named <see cref="Name"/>. OpenTelemetry exports
/// them when an OTLP endpoint is configured; nothing listens otherwise, and an instrument nobody listens to costs nothing.
/// </summary>
public static class FoiDeskMetrics
{
    public const string Name = "FoiDesk";

    private static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Activities = new(Name);

    /// <summary>Messages intake handled, tagged by what it made of them (request, follow-up, held, ...).</summary>
    public static readonly Counter<long> IntakeMessages = Meter.CreateCounter<long>("foidesk.intake.messages", "{message}", "Messages read from the inbox, by outcome");

    public static readonly Counter<long> OutboxSent = Meter.CreateCounter<long>("foidesk.outbox.sent", "{message}", "Emails handed to the relay");

    public static readonly Counter<long> OutboxFailures = Meter.CreateCounter<long>("foidesk.outbox.failures", "{message}", "Emails the relay refused, by whether they will be tried again");

    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>("foidesk.job.duration", "s", "How long each job run took, by job and outcome");

    public static readonly Counter<long> JobFailures = Meter.CreateCounter<long>("foidesk.job.failures", "{run}", "Job runs that ended in an exception, by job");
}
