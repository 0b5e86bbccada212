using System.Diagnostics;

namespace FoiDesk.Tests.Support;

/// <summary>
/// Runs a verb of the real FoiDesk binary (src/FoiDesk.Web's build output, same configuration as the tests)
/// as its own process, so a test can SIGKILL it mid-work the way a crash would.
/// </summary>
public static class ProcessRunner
{
    public static string HostDll
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "FoiDesk.sln")))
            {
                root = root.Parent;
            }

            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("FoiDesk.sln not found"), "src", "FoiDesk.Web", "bin", configuration, "net10.0", "FoiDesk.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("build src/FoiDesk.Web first", dll);
        }
    }

    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        psi.ArgumentList.Add(HostDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start FoiDesk");
        // Drain the pipes so a chatty process never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
