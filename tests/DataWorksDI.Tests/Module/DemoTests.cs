using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>The README's main-job command (dotnet run --project src/DataWorksDI.Demo) works and ends with a succeeded deployment.</summary>
    public class DemoTests
    {
        [Fact]
        public async Task Demo_RunsTheSeedWorkflow_AgainstTheEmbeddedEmulator()
        {
            string configuration = AppContext.BaseDirectory.Contains(Path.DirectorySeparatorChar + "Release" + Path.DirectorySeparatorChar) ? "Release" : "Debug";
            string dll = Path.Combine(RepoPaths.Root, "src", "DataWorksDI.Demo", "bin", configuration, "net10.0", "DataWorksDI.Demo.dll");
            var psi = new ProcessStartInfo("dotnet", "\"" + dll + "\"") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using (Process p = Process.Start(psi))
            {
                Task<string> readingStderr = p.StandardError.ReadToEndAsync();
                string stdout = p.StandardOutput.ReadToEnd();
                Assert.True(p.WaitForExit(120_000), "the demo did not finish in 2 minutes");
                string stderr = await readingStderr;
                Assert.True(p.ExitCode == 0, stdout + stderr);
                Assert.Contains("DataWorks emulator listening on http://127.0.0.1:", stdout);
                Assert.Contains("Status                 Succeeded", stdout);
                Assert.Contains("ToEnvironment          Production", stdout);
                Assert.Contains("Cron                 00 30 05 * * ?", stdout);
                Assert.DoesNotContain("DataWorksEmulatorDemoSecretForLocalUseOnly", stdout + stderr);
                // It ends saying what succeeded, in words.
                string[] lines = stdout.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
                int done = Array.FindLastIndex(lines, l => l.StartsWith("Done: the seed workflow succeeded", StringComparison.Ordinal));
                Assert.True(done >= 0 && lines.Length - done == 6, stdout);
                Assert.StartsWith("  Deployed   to production: deployment ", lines[done + 4]);
                Assert.EndsWith(" succeeded", lines[done + 4]);
                Assert.Contains("in Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration", lines[done + 1]);
            }
        }
    }
}
