using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FoiDesk.Tests.Support;

namespace FoiDesk.Web.Tests.Newcomer;

/// <summary>
/// The checkout's real ops/run, started as a newcomer starts it, in a process group of its own (setsid) so a
/// signal reaches everything it runs, as Ctrl-C in a terminal does. Its standard output is kept line by line.
/// </summary>
internal sealed class OpsRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _gate = new();

    private OpsRun(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        ProcessGroup = process.Id;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    /// <summary>The process group: setsid makes ops/run its leader, so the group id is its process id.</summary>
    public int ProcessGroup { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything printed so far (standard output and error interleaved as they arrived).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_gate)
            {
                return [.. _output];
            }
        }
    }

    public string OutputText => string.Join(Environment.NewLine, Output);

    public static OpsRun Start(string dataDirectory, int port)
    {
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ProcessRunner.RepositoryRoot,
        };
        info.ArgumentList.Add(Path.Combine(ProcessRunner.RepositoryRoot, "ops", "run"));
        // The embedded default: no external server, no mail servers, the data directory's folders.
        foreach (var key in new[] { "ConnectionStrings__FoiDesk", "FoiDesk__DemoData" })
        {
            info.Environment.Remove(key);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Mail__", StringComparison.Ordinal) || k.StartsWith("FoiDesk__Mail", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["FoiDesk__DataDirectory"] = dataDirectory;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var process = Process.Start(info) ?? throw new InvalidOperationException("setsid ops/run did not start");
        var run = new OpsRun(process, dataDirectory, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        process.OutputDataReceived += (_, e) => run.Add(e.Data);
        process.ErrorDataReceived += (_, e) => run.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls /health until it answers 200; fails early when ops/run exits instead.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"ops/run exited ({_process.ExitCode}) before /health answered:{Environment.NewLine}{OutputText}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Still building or starting.
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        throw new TimeoutException($"/health did not answer 200 within {timeout}:{Environment.NewLine}{OutputText}");
    }

    /// <summary>Sends the signal to the whole process group (kill -SIG -PGID), as a terminal's Ctrl-C does, and waits for ops/run to end.</summary>
    public async Task<int> StopAsync(string signal, TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, "--", $"-{ProcessGroup}" }, UseShellExecute = false })!;
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>
    /// Processes still alive that this run started: any in its process group, and any whose command line names
    /// its data directory (the embedded PostgreSQL runs in a session of its own, with -D under it).
    /// </summary>
    public IReadOnlyList<string> Leftovers()
    {
        var left = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the command name in parentheses: state, ppid, pgrp.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var group = int.Parse(fields[2], CultureInfo.InvariantCulture);
                if (fields[0] != "Z" && (group == ProcessGroup || cmdline.Contains(DataDirectory, StringComparison.Ordinal)))
                {
                    left.Add($"{pid}: {cmdline}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while being read.
            }
        }

        return left;
    }

    /// <summary>Waits up to the timeout for every process of this run to be gone; returns those still there.</summary>
    public async Task<IReadOnlyList<string>> WaitAllGoneAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var left = Leftovers();
        while (left.Count > 0 && clock.Elapsed < timeout)
        {
            await Task.Delay(500);
            left = Leftovers();
        }

        return left;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Add(line);
        }

        TestContext.Progress.WriteLine($"ops/run: {line}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A test that failed midway still ends what it started: TERM, then KILL.
            try
            {
                await StopAsync("TERM", TimeSpan.FromSeconds(60));
            }
            catch (OperationCanceledException)
            {
                using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", "KILL", "--", $"-{ProcessGroup}" }, UseShellExecute = false })!;
                await kill.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}
