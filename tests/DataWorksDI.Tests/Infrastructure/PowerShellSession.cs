using DataWorksDI.Testing;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace DataWorksDI.Tests.Infrastructure
{
    /// <summary>
    /// A real PowerShell runspace (System.Management.Automation) with out/DataWorksDI imported exactly as a user would:
    /// Import-Module on the laid-out folder. Each script's streams are all collected.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace _runspace;

        static PowerShellSession()
        {
            // The client tests' constants are secrets too: no script may echo them.
            SecretRegistry.Register(Client.ClientTestKit.Secret);
            SecretRegistry.Register(Client.ClientTestKit.Token);
        }

        public PowerShellSession(bool importModule = true)
        {
            InitialSessionState iss = InitialSessionState.CreateDefault2();
            AddUtilityCmdlets(iss);
            _runspace = RunspaceFactory.CreateRunspace(iss);
            _runspace.Open();
            if (importModule)
            {
                PSResult import = Run($"Import-Module -Name '{RepoPaths.ModuleDirectory}' -ErrorAction Stop");
                if (import.Errors.Count > 0) throw new InvalidOperationException("Import-Module failed: " + import.ErrorText);
            }
        }

        public Runspace Runspace => _runspace;

        /// <summary>
        /// The hosted engine (System.Management.Automation) has only the core cmdlets; a user's PowerShell also has
        /// Microsoft.PowerShell.Utility (Select-Object, Sort-Object, ConvertTo-Json, Out-String …), which tests use the way
        /// users do — e.g. Select-Object -First, which stops the upstream pipeline.
        /// </summary>
        private static void AddUtilityCmdlets(InitialSessionState iss)
        {
            foreach (Type type in typeof(Microsoft.PowerShell.Commands.SelectObjectCommand).Assembly.GetExportedTypes())
            {
                if (type.IsAbstract || !(Attribute.GetCustomAttribute(type, typeof(CmdletAttribute)) is CmdletAttribute cmdlet)) continue;
                string name = cmdlet.VerbName + "-" + cmdlet.NounName;
                if (iss.Commands[name].Count == 0) iss.Commands.Add(new SessionStateCmdletEntry(name, type, null));
            }
        }

        /// <summary>Runs a script; variables are set in the global scope first. Never throws for script errors: inspect the result.</summary>
        public PSResult Run(string script, IDictionary<string, object> variables = null)
        {
            using (PowerShell ps = PowerShell.Create())
            {
                ps.Runspace = _runspace;
                if (variables != null)
                    foreach (var v in variables) _runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
                ps.AddScript(script);
                var result = new PSResult();
                try
                {
                    foreach (PSObject o in ps.Invoke()) result.Output.Add(o);
                }
                catch (RuntimeException ex)
                {
                    result.Terminating = ex;
                }
                result.Collect(ps.Streams);
                // Cross-cutting: no script may show a secret or token the test run knows of.
                List<string> leaks = SecretRegistry.FindIn(result.AllVisibleText());
                if (leaks.Count > 0)
                    throw new SecretLeakException("A secret or token appeared in the script's output streams or errors: " + string.Join(", ", leaks));
                return result;
            }
        }

        /// <summary>Starts a script without waiting, for cancellation tests.</summary>
        public PowerShell Begin(string script, out IAsyncResult handle)
        {
            PowerShell ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            handle = ps.BeginInvoke();
            return ps;
        }

        public void Dispose() => _runspace.Dispose();
    }

    public sealed class PSResult
    {
        public List<PSObject> Output { get; } = new List<PSObject>();
        public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();
        public List<WarningRecord> Warnings { get; } = new List<WarningRecord>();
        public List<VerboseRecord> Verbose { get; } = new List<VerboseRecord>();
        public List<DebugRecord> Debug { get; } = new List<DebugRecord>();
        public List<InformationRecord> Information { get; } = new List<InformationRecord>();
        public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();

        /// <summary>A terminating error that escaped the script, if any.</summary>
        public RuntimeException Terminating { get; set; }

        public string ErrorText => string.Join(Environment.NewLine, Errors.Select(e => e.ToString()).Concat(Terminating == null ? new string[0] : new[] { Terminating.Message }));

        public void Collect(PSDataStreams streams)
        {
            Errors.AddRange(streams.Error);
            Warnings.AddRange(streams.Warning);
            Verbose.AddRange(streams.Verbose);
            Debug.AddRange(streams.Debug);
            Information.AddRange(streams.Information);
            Progress.AddRange(streams.Progress);
        }

        /// <summary>Everything a user or a log could see: every stream, every error record with its exception chain.</summary>
        public string AllVisibleText()
        {
            var sb = new StringBuilder();
            foreach (PSObject o in Output) sb.AppendLine(Describe(o));
            foreach (ErrorRecord e in Errors) AppendError(sb, e);
            if (Terminating != null)
            {
                if (Terminating.ErrorRecord != null) AppendError(sb, Terminating.ErrorRecord);
                for (Exception x = Terminating; x != null; x = x.InnerException) sb.AppendLine(x.ToString());
            }
            foreach (var w in Warnings) sb.AppendLine(w.Message);
            foreach (var v in Verbose) sb.AppendLine(v.Message);
            foreach (var d in Debug) sb.AppendLine(d.Message);
            foreach (var i in Information) sb.AppendLine(Convert.ToString(i.MessageData));
            foreach (var p in Progress) sb.AppendLine(p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation);
            return sb.ToString();
        }

        private static void AppendError(StringBuilder sb, ErrorRecord e)
        {
            sb.AppendLine(e.ToString());
            sb.AppendLine(e.FullyQualifiedErrorId);
            sb.AppendLine(Convert.ToString(e.TargetObject));
            sb.AppendLine(e.ErrorDetails?.Message);
            sb.AppendLine(e.ErrorDetails?.RecommendedAction);
            sb.AppendLine(e.CategoryInfo.ToString());
            for (Exception x = e.Exception; x != null; x = x.InnerException) sb.AppendLine(x.ToString());
        }

        private static string Describe(PSObject o)
        {
            var sb = new StringBuilder(Convert.ToString(o));
            foreach (PSPropertyInfo p in o.Properties)
            {
                try
                {
                    sb.Append(' ').Append(p.Name).Append('=').Append(Convert.ToString(p.Value));
                }
                catch (GetValueException)
                {
                }
            }
            return sb.ToString();
        }
    }
}
