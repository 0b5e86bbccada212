using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace FoiDesk.Web.Tests.Hosting;

/// <summary>
/// Runs the real FoiDesk binary (src/FoiDesk.Web's build output) as a separate process, the way ops/run
/// does, so tests exercise start-up, signals and shutdown for real.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static string RepositoryRoot => FoiDesk.Tests.Support.ProcessRunner.RepositoryRoot;

    public static string HostDll => FoiDesk.Tests.Support.ProcessRunner.HostDll;

    public static HostProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        psi.ArgumentList.Add(HostDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        psi.Environment.Remove("ConnectionStrings__FoiDesk");
        // The tests' HttpClient talks plain HTTP and would not send back Secure cookies (a browser would, to 127.0.0.1).
        psi.Environment["FoiDesk__Auth__SecureCookies"] = "false";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the host");
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    [GeneratedRegex(@"FoiDesk is running at (http://\S+) ")]
    private static partial Regex RunningLine();

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var match = RunningLine().Match(line);
        if (match.Success)
        {
            _url.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    /// <summary>Waits until the host prints its URL and /health answers 200.</summary>
    public async Task<Uri> WaitHealthyAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var exited = _process.WaitForExitAsync(cts.Token);
        var first = await Task.WhenAny(_url.Task, exited, Task.Delay(Timeout.Infinite, cts.Token));
        if (first != _url.Task)
        {
            throw new InvalidOperationException($"host did not start within {timeout}:\n{Output}");
        }

        var url = await _url.Task;
        using var http = new HttpClient { BaseAddress = url };
        while (true)
        {
            try
            {
                var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cts.Token);
                if ((int)response.StatusCode == 200)
                {
                    return url;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (OperationCanceledException)
            {
                throw new InvalidOperationException($"/health did not reach 200 within {timeout}:\n{Output}");
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }

    /// <summary>SIGTERM, as systemd or Ctrl-C would stop it, then wait for a clean exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as a crash or a pulled plug would: no shutdown hooks, open transactions abandoned.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(30));
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    /// <summary>Runs a CLI verb of the same binary to completion.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunCliAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        psi.ArgumentList.Add(HostDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("ConnectionStrings__FoiDesk");
        // The tests' HttpClient talks plain HTTP and would not send back Secure cookies (a browser would, to 127.0.0.1).
        psi.Environment["FoiDesk__Auth__SecureCookies"] = "false";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
