using System;
using System.Diagnostics;
using System.IO;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>The README's main-job command (dotnet run --project src/DataWorksDI.Demo) works and ends with a succeeded deployment.</summary>
    public class DemoTests
    {
        [Fact]
        public void Demo_RunsTheSeedWorkflow_AgainstTheEmbeddedEmulator()
        {
            string configuration = AppContext.BaseDirectory.Contains(Path.DirectorySeparatorChar + "Release" + Path.DirectorySeparatorChar) ? "Release" : "Debug";
            string dll = Path.Combine(RepoPaths.Root, "src", "DataWorksDI.Demo", "bin", configuration, "net10.0", "DataWorksDI.Demo.dll");
            var psi = new ProcessStartInfo("dotnet", "\"" + dll + "\"") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using (Process p = Process.Start(psi))
            {
                var stderr = p.StandardError.ReadToEndAsync();
                string stdout = p.StandardOutput.ReadToEnd();
                Assert.True(p.WaitForExit(120_000), "the demo did not finish in 2 minutes");
                Assert.True(p.ExitCode == 0, stdout + stderr.Result);
                Assert.Contains("DataWorks emulator listening on http://127.0.0.1:", stdout);
                Assert.Contains("Status                 Succeeded", stdout);
                Assert.Contains("ToEnvironment          Production", stdout);
                Assert.Contains("Cron                 00 30 05 * * ?", stdout);
                Assert.DoesNotContain("DataWorksEmulatorDemoSecretForLocalUseOnly", stdout + stderr.Result);
            }
        }
    }
}
