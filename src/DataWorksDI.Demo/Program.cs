using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Threading.Tasks;
using DataWorksDI.Emulator;
using DataWorksDI.Emulator.Options;

namespace DataWorksDI.Demo
{
    /// <summary>
    /// Runs the seed workflow (create → schedule → submit → deploy) against a fresh in-process emulator, prints what
    /// each step returned and ends saying what succeeded. Exit code 0 when the deployment succeeded.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            string root = FindRepositoryRoot();
            string dataDir = Path.Combine(Path.GetTempPath(), "dataworksdi-demo-" + Guid.NewGuid().ToString("N"));
            var options = new EmulatorOptions { Urls = "http://127.0.0.1:0", DataDirectory = dataDir, DeploymentDelay = TimeSpan.FromSeconds(1) };
            await using RunningEmulator emulator = await EmulatorHost.StartAsync(options);
            Console.WriteLine(emulator.StartupLine);
            try
            {
                return RunExample(root, emulator.BaseAddress);
            }
            finally
            {
                await emulator.StopAsync();
                try { Directory.Delete(dataDir, true); } catch (IOException) { }
            }
        }

        private static int RunExample(string root, Uri endpoint)
        {
            InitialSessionState iss = InitialSessionState.CreateDefault2();
            using Runspace runspace = RunspaceFactory.CreateRunspace(iss);
            runspace.Open();
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = runspace;
            string module = Path.Combine(root, "out", "DataWorksDI");
            string example = Path.Combine(root, "examples", "01-batch-sync-lifecycle.ps1");
            Console.WriteLine($"Import-Module {module}");
            Console.WriteLine($"{example} -Endpoint {endpoint} -ProjectId 181565");
            ps.AddScript($"Import-Module '{module}' -ErrorAction Stop; & '{example}' -Endpoint '{endpoint}' -ProjectId 181565 -PollIntervalSec 0.5 -Verbose");
            ps.Streams.Verbose.DataAdded += (s, e) => Console.WriteLine("VERBOSE: " + ps.Streams.Verbose[e.Index].Message);
            ps.Streams.Warning.DataAdded += (s, e) => Console.WriteLine("WARNING: " + ps.Streams.Warning[e.Index].Message);
            ps.Streams.Error.DataAdded += (s, e) => Console.Error.WriteLine("ERROR: " + ps.Streams.Error[e.Index]);
            var results = new System.Collections.Generic.List<PSObject>();
            try
            {
                foreach (PSObject o in ps.Invoke())
                {
                    results.Add(o);
                    Print(o.BaseObject);
                }
            }
            catch (RuntimeException ex)
            {
                Console.Error.WriteLine("ERROR: " + ex.Message);
                Console.WriteLine();
                Console.WriteLine("The demo did not finish: " + ex.Message);
                return 1;
            }
            return Summarize(results, ps.HadErrors) ? 0 : 1;
        }

        /// <summary>
        /// Ends the run saying, in plain words, what succeeded (or what did not). The module is loaded into the runspace,
        /// not referenced, so its objects are read through their PowerShell properties.
        /// </summary>
        private static bool Summarize(System.Collections.Generic.List<PSObject> results, bool hadErrors)
        {
            Console.WriteLine();
            PSObject deployment = results.FirstOrDefault(r => r.TypeNames.Contains("DataWorksDI.Models.DIDeployment"));
            PSObject file = results.FirstOrDefault(r => r.TypeNames.Contains("DataWorksDI.Models.DIFile"));
            string Prop(PSObject o, string name) => Convert.ToString(o?.Properties[name]?.Value, System.Globalization.CultureInfo.InvariantCulture);
            bool ok = !hadErrors && deployment != null && Prop(deployment, "Status") == "Succeeded" && Prop(deployment, "ToEnvironment") == "Production" && file != null;
            if (!ok)
            {
                Console.WriteLine("The demo did not finish: " + (hadErrors ? "a step reported an error (above)." : "the task did not reach production."));
                return false;
            }
            PSObject schedule = file.Properties["Schedule"]?.Value is object sch ? PSObject.AsPSObject(sch) : null;
            string inputs = schedule == null ? string.Empty : string.Join(", ", ((System.Collections.IEnumerable)schedule.Properties["InputList"].Value).Cast<object>());
            Console.WriteLine("Done: the seed workflow succeeded against the local emulator.");
            Console.WriteLine($"  Created    batch sync task '{Prop(file, "FileName")}' (file {Prop(file, "FileId")}) in {Prop(file, "FolderPath")}");
            if (schedule != null)
                Console.WriteLine($"  Scheduled  '{Prop(schedule, "Cron")}' ({Prop(schedule, "CycleType")}), upstream {inputs}, rerun {Prop(schedule, "RerunMode")} up to {Prop(schedule, "AutoRerunTimes")} time(s)");
            Console.WriteLine($"  Submitted  and committed as version {Prop(file, "CurrentVersion")} (node {Prop(file, "NodeId")})");
            Console.WriteLine($"  Deployed   to production: deployment {Prop(deployment, "DeploymentId")} {Prop(deployment, "Status").ToLowerInvariant()}");
            Console.WriteLine("  Read back  the file with Get-DIFile: its schedule is the one that was set.");
            return true;
        }

        /// <summary>The hosted engine has no Format-* cmdlets, so objects are listed property by property.</summary>
        private static void Print(object o)
        {
            Console.WriteLine();
            Console.WriteLine(o.GetType().Name + ": " + o);
            foreach (PropertyInfo p in o.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
            {
                object v = p.GetValue(o);
                if (v == null || p.Name == "Content") continue;
                string text = v is Array a ? string.Join(", ", a.Cast<object>()) : v.ToString();
                Console.WriteLine(p.Name == "Schedule" ? "  Schedule" : $"  {p.Name,-22} {text}");
                if (p.Name == "Schedule") foreach (PropertyInfo q in v.GetType().GetProperties())
                {
                    object w = q.GetValue(v);
                    if (w != null) Console.WriteLine($"    {q.Name,-20} {(w is Array b ? string.Join(", ", b.Cast<object>()) : w)}");
                }
            }
        }

        private static string FindRepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DataWorksDI.sln"))) return dir.FullName;
            throw new InvalidOperationException("Run this from the DataWorksDI repository (DataWorksDI.sln not found).");
        }
    }
}
