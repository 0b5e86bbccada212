namespace FoiDesk.TwoStep;

/// <summary>
/// A secret waiting to be confirmed: the key as base32 (typed into an app by hand) and the otpauth:// URI
/// (Google Authenticator's key URI format, read by every common app from a QR code).
/// </summary>
public sealed record TotpEnrolment(string Key, string Uri);
