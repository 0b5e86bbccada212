using System.Diagnostics;

namespace FoiDesk.Tests.Support;

/// <summary>
/// Runs a verb of the real FoiDesk binary (src/FoiDesk.Web's build output, same configuration as the tests)
/// as its own process, so a test can SIGKILL it mid-work the way a crash would.
/// </summary>
public static class ProcessRunner
{
    /// <summary>The folder holding FoiDesk.sln, above the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FoiDesk.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("FoiDesk.sln not found above the test directory");
        }
    }

    /// <summary>The host's own build output (with its wwwroot and migrations), same configuration as the tests.</summary>
    public static string HostDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(RepositoryRoot, "src", "FoiDesk.Web", "bin", configuration, "net10.0", "FoiDesk.Web.dll");
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
