namespace FoiDesk.Mail;

/// <summary>The outgoing mail transport seam: hands a finished message (raw RFC 5322 bytes) to a relay.</summary>
public interface IMailSender
{
    /// <summary>Sends <paramref name="message"/> to the envelope's recipients. SMTP refusals and connection failures
    /// come back in the result, classified so the caller knows whether to retry; cancellation throws.</summary>
    Task<SendResult> SendAsync(MailEnvelope envelope, Stream message, CancellationToken ct);
}

/// <summary>The SMTP envelope (RFC 5321 §2.3.1): who bounces go to and who receives, independent of the headers.</summary>
public sealed record MailEnvelope
{
    /// <summary>Reverse path; empty for a null sender (bounces and auto-replies, RFC 5321 §4.5.5).</summary>
    public required string From { get; init; }

    public required IReadOnlyList<string> Recipients { get; init; }
}

/// <summary>Whether a failure is worth retrying: RFC 5321 §4.2.1, 4yz is transient and 5yz permanent.</summary>
public enum DeliveryFailure
{
    None,
    Transient,
    Permanent,
}

public sealed record RecipientResult
{
    public required string Address { get; init; }

    public required bool Accepted { get; init; }

    /// <summary>The server's reply code to RCPT TO (or to DATA, when the server refused the message as a whole).</summary>
    public required int StatusCode { get; init; }

    /// <summary>RFC 3463 enhanced status code such as "5.1.1", when the server sends them.</summary>
    public string? EnhancedStatusCode { get; init; }

    public required string Text { get; init; }

    public DeliveryFailure Failure => Accepted ? DeliveryFailure.None : SendResult.Classify(StatusCode);
}

public sealed record SendResult
{
    public required IReadOnlyList<RecipientResult> Recipients { get; init; }

    /// <summary>Failure of the transaction as a whole (connection, authentication, MAIL FROM, DATA); None when the
    /// message was accepted for at least the recipients marked accepted.</summary>
    public required DeliveryFailure Failure { get; init; }

    /// <summary>The server's text or the exception message explaining <see cref="Failure"/>.</summary>
    public string? FailureText { get; init; }

    /// <summary>The queue id or text of the final reply to the message data.</summary>
    public string? ServerResponse { get; init; }

    public bool AllAccepted => Failure == DeliveryFailure.None && Recipients.All(r => r.Accepted);

    /// <summary>RFC 5321 §4.2.1: 4yz transient negative completion, 5yz permanent; anything else unexpected is
    /// treated as transient so a human is not needed for a glitch.</summary>
    public static DeliveryFailure Classify(int statusCode) => statusCode switch
    {
        >= 200 and < 400 => DeliveryFailure.None,
        >= 500 and < 600 => DeliveryFailure.Permanent,
        _ => DeliveryFailure.Transient,
    };
}
