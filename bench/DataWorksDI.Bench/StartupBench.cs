using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using DataWorksDI.Testing;
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// Issue 17, the first call after import: each round starts a fresh pwsh process per module folder (alternating), which
    /// imports the module, connects to the emulator (its own process), optionally pauses (a user typing the next command),
    /// and times its first and second Get-DIWorkspace -ProjectId and its first Get-DIFile -FileId.
    /// <c>dotnet run -c Release --project bench/DataWorksDI.Bench -- --startup --pwsh &lt;pwsh&gt; [--rounds 7] [--pause-ms 0]
    /// [--module out/DataWorksDI] [--module &lt;another laid-out module folder&gt; …]</c>; a module folder must be named
    /// DataWorksDI (bench/DataWorksDI.Bench/build-baseline-module.sh lays out another commit's, build-r2r-module.sh a
    /// ReadyToRun-compiled copy). The session is unpaced (-MaxRequestsPerSecond 0): at the default 5 requests/s the second
    /// call would time the pacer's wait, not the call.
    /// </summary>
    internal static class StartupBench
    {
        private const string Script = @"
param($Module, $Endpoint, [int] $PauseMs)
$t = [ordered]@{}
$w = [Diagnostics.Stopwatch]::StartNew()
Import-Module $Module -ErrorAction Stop
$t.import = $w.Elapsed.TotalMilliseconds; $w.Restart()
$null = Connect-DIWorkspace -Endpoint $Endpoint -ProjectId 10000 -MaxRequestsPerSecond 0 -AccessKeyId $env:DWDI_BENCH_KEY_ID -AccessKeySecret ([System.Net.NetworkCredential]::new('', $env:DWDI_BENCH_SECRET).SecurePassword) -ErrorAction Stop
$t.connect = $w.Elapsed.TotalMilliseconds
if ($PauseMs -gt 0) { Start-Sleep -Milliseconds $PauseMs }
$w.Restart()
$null = Get-DIWorkspace -ProjectId 10000 -ErrorAction Stop
$t.first = $w.Elapsed.TotalMilliseconds; $w.Restart()
$null = Get-DIWorkspace -ProjectId 10000 -ErrorAction Stop
$t.second = $w.Elapsed.TotalMilliseconds; $w.Restart()
$null = Get-DIFile -FileId 1 -ErrorAction SilentlyContinue
$t.firstGetFile = $w.Elapsed.TotalMilliseconds
$t | ConvertTo-Json -Compress
";

        public static void Run(string[] args)
        {
            int rounds = Program.IntArg(args, "--rounds", 7), pause = Program.IntArg(args, "--pause-ms", 0);
            string pwsh = Program.StrArg(args, "--pwsh") ?? "pwsh";
            var modules = new List<string>();
            for (int i = 0; i < args.Length - 1; i++) if (args[i] == "--module") modules.Add(Path.GetFullPath(args[i + 1]));
            if (modules.Count == 0) modules.Add(RepoPaths.ModuleDirectory);
            string script = Path.Combine(Path.GetTempPath(), "dwdi-startup-" + Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(script, Script);

            Console.WriteLine();
            Console.WriteLine($"## First call after import ({rounds} fresh pwsh processes per module, alternating; pause after connecting: {pause} ms; {pwsh})");
            try
            {
                using (EmulatorProcess emulator = EmulatorProcess.Start("--deployment-delay", "0"))
                {
                    var (keyId, secret, _) = emulator.CreateAccessKey();
                    var results = modules.ToDictionary(m => m, m => new List<JObject>());
                    for (int r = 0; r < rounds; r++)
                        foreach (string module in modules)
                            results[module].Add(RunOnce(pwsh, script, module, emulator.BaseAddress.ToString(), keyId, secret, pause));

                    Console.WriteLine("| module | import ms | connect ms | first Get-DIWorkspace ms | second ms | first Get-DIFile ms | first call, each round |");
                    Console.WriteLine("|---|---|---|---|---|---|---|");
                    foreach (string module in modules)
                    {
                        List<JObject> runs = results[module];
                        string M(string key) => Stats.Median(runs.Select(j => (double)j[key])).ToString("0", CultureInfo.InvariantCulture);
                        Console.WriteLine($"| {module} | {M("import")} | {M("connect")} | {M("first")} | {Stats.Median(runs.Select(j => (double)j["second"])).ToString("0.0", CultureInfo.InvariantCulture)} | {M("firstGetFile")} | {string.Join(", ", runs.Select(j => ((double)j["first"]).ToString("0", CultureInfo.InvariantCulture)))} |");
                    }
                }
            }
            finally
            {
                File.Delete(script);
            }
        }

        private static JObject RunOnce(string pwsh, string script, string module, string endpoint, string keyId, string secret, int pause)
        {
            var psi = new ProcessStartInfo(pwsh) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in new[] { "-NoProfile", "-NonInteractive", "-File", script, "-Module", module, "-Endpoint", endpoint.TrimEnd('/'), "-PauseMs", pause.ToString(CultureInfo.InvariantCulture) })
                psi.ArgumentList.Add(a);
            // The emulator key this run made, in the environment rather than on a command line others can read.
            psi.Environment["DWDI_BENCH_KEY_ID"] = keyId;
            psi.Environment["DWDI_BENCH_SECRET"] = secret;
            using (Process p = Process.Start(psi))
            {
                string output = p.StandardOutput.ReadToEnd();
                string errors = p.StandardError.ReadToEnd();
                p.WaitForExit();
                string last = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("{", StringComparison.Ordinal));
                if (p.ExitCode != 0 || last == null) throw new InvalidOperationException($"pwsh failed ({p.ExitCode}) for {module}: {output}{errors}");
                return JObject.Parse(last);
            }
        }
    }
}
