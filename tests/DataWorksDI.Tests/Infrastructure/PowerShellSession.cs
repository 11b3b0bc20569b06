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
    /// Import-Module on the laid-out folder. Each script's streams are all collected. Each session has a directory of its
    /// own, its current location and $TestDrive, where scripts write their files.
    /// After every script the secret scan (SecretRegistry) reads everything a user, a log or a file could keep of it:
    /// every stream and error with its exception chain; the Clixml that Export-Clixml would write of its errors and
    /// output; the text a transcript records (the formatted output and errors, as Out-String renders them); and every
    /// file in the session's directory.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace _runspace;
        private readonly string _directory;
        private readonly Dictionary<string, DateTime> _scanned = new Dictionary<string, DateTime>(StringComparer.Ordinal);

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
            _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dwdi-session-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(_directory);
            _runspace.SessionStateProxy.SetVariable("TestDrive", _directory);
            _runspace.SessionStateProxy.Path.SetLocation(_directory);
            if (importModule)
            {
                PSResult import = Run($"Import-Module -Name '{RepoPaths.ModuleDirectory}' -ErrorAction Stop");
                if (import.Errors.Count > 0) throw new InvalidOperationException("Import-Module failed: " + import.ErrorText);
            }
        }

        public Runspace Runspace => _runspace;

        /// <summary>The session's own directory ($TestDrive and the current location): every file in it is scanned for secrets.</summary>
        public string Directory => _directory;

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
                // Cross-cutting: no script may show a secret or token the test run knows of, wherever it could be kept.
                ScanForSecrets("the script's output streams or errors", result.AllVisibleText());
                ScanForSecrets("the Clixml of its errors and output (Export-Clixml)", Clixml(result));
                ScanForSecrets("its transcript text (formatted output and errors)", Formatted(result));
                ScanWrittenFiles();
                return result;
            }
        }

        private static void ScanForSecrets(string where, string text)
        {
            List<string> leaks = SecretRegistry.FindIn(text);
            if (leaks.Count > 0) throw new SecretLeakException($"A secret or token appeared in {where}: " + string.Join(", ", leaks));
        }

        /// <summary>What Export-Clixml writes of the run's errors (with their exceptions) and its output objects.</summary>
        private static string Clixml(PSResult result)
        {
            var items = new List<object>();
            items.AddRange(result.Errors);
            if (result.Terminating?.ErrorRecord != null) items.Add(result.Terminating.ErrorRecord);
            items.AddRange(result.Output);
            return items.Count == 0 ? string.Empty : PSSerializer.Serialize(items, 3);
        }

        /// <summary>The text a transcript records of the run: its output and errors as the host formats them.</summary>
        private string Formatted(PSResult result)
        {
            var items = new List<object>();
            items.AddRange(result.Output);
            items.AddRange(result.Errors);
            if (result.Terminating?.ErrorRecord != null) items.Add(result.Terminating.ErrorRecord);
            if (items.Count == 0) return string.Empty;
            using (PowerShell ps = PowerShell.Create())
            {
                ps.Runspace = _runspace;
                ps.AddCommand("Out-String").AddParameter("Width", 400);
                try
                {
                    return string.Concat(ps.Invoke(items).Select(o => o?.ToString()));
                }
                catch (RuntimeException ex)
                {
                    return "(formatting failed: " + ex.Message + ")";
                }
            }
        }

        /// <summary>Every file written or changed in the session's directory since the last scan.</summary>
        private void ScanWrittenFiles()
        {
            foreach (string file in System.IO.Directory.EnumerateFiles(_directory, "*", System.IO.SearchOption.AllDirectories))
            {
                var info = new System.IO.FileInfo(file);
                if (_scanned.TryGetValue(file, out DateTime seen) && seen == info.LastWriteTimeUtc) continue;
                _scanned[file] = info.LastWriteTimeUtc;
                // Empty files, and FIFOs or devices (which report no size and would block a read), hold nothing to scan.
                if (info.Length == 0 || info.Length > 50 * 1024 * 1024) continue;
                ScanForSecrets("the file " + file, System.IO.File.ReadAllText(file));
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

        public void Dispose()
        {
            _runspace.Dispose();
            try
            {
                System.IO.Directory.Delete(_directory, true);
            }
            catch (System.IO.IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
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
