using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FoiDesk.SocialValue.Import;

namespace FoiDesk.SocialValue.Sync;

public sealed record MonitoringPlatformOptions
{
    /// <summary>e.g. https://sv.example.net/ (the /v1/... paths are relative to it).</summary>
    public required Uri BaseAddress { get; init; }
    public required string BearerToken { get; init; }
    public int PageSize { get; init; } = 500;
    /// <summary>Attempts per request, including the first (transient 5xx, 408, 429, timeouts, connection failures).</summary>
    public int MaxAttempts { get; init; } = 4;
    /// <summary>First retry delay; doubled after each failed attempt.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// The platform refused or kept failing: nothing was imported. <paramref name="transient"/>: it kept failing in a
/// way a later try may mend (5xx, 408, 429, timeouts), as opposed to a refusal (401, 403, 404).
/// </summary>
public sealed class MonitoringPlatformException(string message, Exception? inner = null, bool transient = false) : Exception(message, inner)
{
    public bool Transient { get; } = transient;
}

/// <summary>
/// Reads the monitoring platform's API (docs/social-value-api.md): one listing per table, paged by a "next"
/// link, each record an object whose keys are the CSV export's column names. The result is an
/// <see cref="ImportSource"/> that goes through the same checks as a file import, so a bad record anywhere
/// means nothing is written. Errors point at "GET /v1/returns" and the record's position in the listing.
/// </summary>
public sealed class MonitoringPlatformClient(HttpClient http, MonitoringPlatformOptions options, TimeProvider clock)
{
    private static readonly Dictionary<string, string> Paths = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["frameworks"] = "v1/frameworks",
        ["measures"] = "v1/measures",
        ["contracts"] = "v1/contracts",
        ["commitments"] = "v1/commitments",
        ["qualitative_commitments"] = "v1/qualitative-commitments",
        ["returns"] = "v1/returns",
    };

    /// <param name="updatedSince">Only records changed on or after this instant (all when null).</param>
    /// <param name="period">Only returns for this period label, e.g. "2024-25 Q4" (all when null).</param>
    public async Task<ImportSource> FetchAsync(DateTimeOffset? updatedSince, string? period, List<ImportError> errors, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var tables = new List<SourceTable>();
        var files = new List<SourceFile>();
        foreach (var spec in TableSpecs.All)
        {
            var query = new List<string> { $"pageSize={options.PageSize.ToString(CultureInfo.InvariantCulture)}" };
            if (updatedSince is { } since)
            {
                query.Add("updatedSince=" + Uri.EscapeDataString(since.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
            }

            if (period is not null && spec.Name == "returns")
            {
                query.Add("period=" + Uri.EscapeDataString(period));
            }

            var origin = "GET /" + Paths[spec.Name];
            var header = spec.Columns.Select(c => c.Name).ToList();
            var rows = new List<SourceRow>();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            string? next = $"{Paths[spec.Name]}?{string.Join('&', query)}";
            while (next is not null)
            {
                var body = await GetAsync(next, ct);
                hash.AppendData(body);
                next = ReadPage(body, origin, header, rows, errors);
                progress?.Report(new("read", spec.Name, rows.Count, rows.Count));
            }

            tables.Add(new SourceTable(spec.Name, origin, header, rows));
            files.Add(new SourceFile(origin, Convert.ToHexStringLower(hash.GetHashAndReset()), rows.Count));
        }

        return new ImportSource("api", options.BaseAddress.ToString(), tables, files);
    }

    /// <summary>Adds the page's records as rows; returns the next page's address, or null.</summary>
    private static string? ReadPage(byte[] body, string origin, List<string> header, List<SourceRow> rows, List<ImportError> errors)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            errors.Add(new(origin, rows.Count + 1, null, $"the response is not JSON: {e.Message}"));
            return null;
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new(origin, rows.Count + 1, null, "the response has no \"items\" array"));
                return null;
            }

            foreach (var item in items.EnumerateArray())
            {
                var position = rows.Count + 1;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new(origin, position, null, "a record is not a JSON object"));
                    rows.Add(new SourceRow(position, header.Select(_ => "").ToList()));
                    continue;
                }

                rows.Add(new SourceRow(position, header.Select(h => item.TryGetProperty(h, out var v) ? FieldText(v) : "").ToList()));
            }

            return doc.RootElement.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
    }

    /// <summary>
    /// A JSON value as the CSV export would write it. Numbers keep their literal text (GetRawText), so
    /// 1234.50 arrives as an exact decimal, never through a double.
    /// </summary>
    private static string FieldText(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "Y",
        JsonValueKind.False => "N",
        JsonValueKind.Array => string.Join(';', v.EnumerateArray().Select(FieldText)),
        _ => "",
    };

    private async Task<byte[]> GetAsync(string relative, CancellationToken ct)
    {
        var uri = new Uri(options.BaseAddress, relative);
        var delay = options.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            Exception? inner = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerToken);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsByteArrayAsync(ct);
                }

                if (!IsTransient(response.StatusCode))
                {
                    // 401/403/404...: retrying will not help; the token is never echoed in the message.
                    throw new MonitoringPlatformException($"GET {uri.AbsolutePath} failed: {(int)response.StatusCode} {response.ReasonPhrase}");
                }

                failure = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
                inner = e;
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                failure = "timed out";
                inner = e;
            }

            if (attempt >= options.MaxAttempts)
            {
                throw new MonitoringPlatformException($"GET {uri.AbsolutePath} failed after {attempt} attempts: {failure}", inner, transient: true);
            }

            await Task.Delay(delay, clock, ct);
            delay *= 2;
        }
    }

    // 408 Request Timeout, 429 Too Many Requests and 5xx are worth another try; other 4xx are not.
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
