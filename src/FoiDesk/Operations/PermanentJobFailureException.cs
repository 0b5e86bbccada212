namespace FoiDesk.Operations;

/// <summary>
/// A job failure that trying again will not mend (a rejected document, a configuration error): the job server
/// marks the run failed at once, for an administrator to see on /admin/jobs, instead of retrying it.
/// </summary>
public sealed class PermanentJobFailureException : Exception
{
    public PermanentJobFailureException(string message)
        : base(message)
    {
    }

    public PermanentJobFailureException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public PermanentJobFailureException()
    {
    }
}
