using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using DataWorksDI.Client;
using DataWorksDI.Session;
using DataWorksDI.Testing;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// A hosted PowerShell engine (System.Management.Automation 7.6.9, the engine of pwsh 7.6.9) with out/DataWorksDI
    /// imported as a user imports it, connected to an emulator with a key of its own. Scripts that fail throw: a benchmark
    /// that measured errors would measure nothing.
    /// </summary>
    internal sealed class ModuleHost : IDisposable
    {
        private readonly Runspace _runspace;

        public ModuleHost(EmulatorProcess emulator, long projectId)
        {
            InitialSessionState iss = InitialSessionState.CreateDefault2();
            // Select-Object, Measure-Object … come with Microsoft.PowerShell.Utility in a user's PowerShell.
            foreach (Type type in typeof(Microsoft.PowerShell.Commands.SelectObjectCommand).Assembly.GetExportedTypes())
            {
                if (type.IsAbstract || !(Attribute.GetCustomAttribute(type, typeof(CmdletAttribute)) is CmdletAttribute cmdlet)) continue;
                string name = cmdlet.VerbName + "-" + cmdlet.NounName;
                if (iss.Commands[name].Count == 0) iss.Commands.Add(new SessionStateCmdletEntry(name, type, null));
            }
            // CmdletCostBench's floors: PowerShell's own per-command cost, and the module's cmdlet layer without a call.
            iss.Commands.Add(new SessionStateCmdletEntry("Test-BenchEmptyCmdlet", typeof(EmptyCmdlet), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Test-BenchModuleLayer", typeof(ModuleLayerCmdlet), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Test-BenchFileShape", typeof(FileShapeCmdlet), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Test-BenchClientCall", typeof(ClientCallCmdlet), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Test-BenchBareCall", typeof(BareCallCmdlet), null));
            _runspace = RunspaceFactory.CreateRunspace(iss);
            _runspace.Open();
            Run($"Import-Module -Name '{RepoPaths.ModuleDirectory}' -ErrorAction Stop");
            (KeyId, Secret, _) = emulator.CreateAccessKey();
            Run("$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId $projectId -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword)",
                ("endpoint", emulator.BaseAddress.ToString()), ("projectId", projectId), ("keyId", KeyId), ("secret", Secret));
            Context = (DIContext)Run("Get-DIContext").Single().BaseObject;
        }

        public string KeyId { get; }

        public string Secret { get; }

        /// <summary>The session context (Connect-DIWorkspace's), whose client every cmdlet of this runspace uses.</summary>
        public DIContext Context { get; }

        /// <summary>
        /// Turns the context's client-side pacing off (the default paces at 5 requests/s, the Basic/Standard editions'
        /// limit, which would measure the pacer, not the call): the context's client is replaced by one with the same
        /// options but MaxRequestsPerSecond 0 and no adaptive pacing. Benchmark only; Connect-DIWorkspace has no switch
        /// for it in this tree.
        /// </summary>
        public DataWorksClient UnpaceContext()
        {
            DataWorksClient paced = Context.Client;
            var options = new DataWorksClientOptions(paced.Options.Endpoint)
            {
                SignatureVersion = paced.Options.SignatureVersion,
                AttemptTimeout = paced.Options.AttemptTimeout,
                Retry = paced.Options.Retry,
                MaxRequestsPerSecond = 0,
                AdaptivePacing = false,
            };
            var unpaced = new DataWorksClient(options, Context.Credentials);
            UseClient(unpaced);
            return unpaced;
        }

        /// <summary>Makes every cmdlet of this runspace call through <paramref name="client"/> (benchmark only).</summary>
        public void UseClient(DataWorksClient client)
        {
            FieldInfo field = typeof(DIContext).GetField("_client", BindingFlags.Instance | BindingFlags.NonPublic)
                ?? throw new InvalidOperationException("DIContext has no _client field any more: update the benchmark.");
            field.SetValue(Context, client);
        }

        public List<PSObject> Run(string script, params (string Name, object Value)[] variables)
        {
            foreach (var v in variables) _runspace.SessionStateProxy.SetVariable(v.Name, v.Value);
            using (PowerShell ps = PowerShell.Create())
            {
                ps.Runspace = _runspace;
                ps.AddScript(script);
                List<PSObject> output = ps.Invoke().ToList();
                if (ps.Streams.Error.Count > 0) throw new InvalidOperationException("The script failed: " + script + Environment.NewLine + string.Join(Environment.NewLine, ps.Streams.Error));
                return output;
            }
        }

        /// <summary>A PowerShell for <paramref name="script"/> in this runspace, for a caller that watches its streams.</summary>
        public PowerShell Create(string script)
        {
            PowerShell ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            return ps;
        }

        /// <summary>Wall and this process's CPU time of one script, per <paramref name="calls"/>, in milliseconds.</summary>
        public (double Wall, double Cpu) Measure(string script, int calls, params (string Name, object Value)[] variables)
        {
            var cpu = Cpu.Start();
            var wall = Stopwatch.StartNew();
            Run(script, variables);
            return (wall.Elapsed.TotalMilliseconds / calls, cpu.ElapsedMilliseconds / calls);
        }

        public void Dispose() => _runspace.Dispose();
    }

    /// <summary>This process's CPU time (all threads, user and system) since <see cref="Start"/>.</summary>
    internal readonly struct Cpu
    {
        private readonly TimeSpan _start;

        private Cpu(TimeSpan start) => _start = start;

        public static Cpu Start() => new Cpu(Process.GetCurrentProcess().TotalProcessorTime);

        public double ElapsedMilliseconds => (Process.GetCurrentProcess().TotalProcessorTime - _start).TotalMilliseconds;

        public static TimeSpan Of(int processId)
        {
            using (Process p = Process.GetProcessById(processId)) return p.TotalProcessorTime;
        }
    }
}
