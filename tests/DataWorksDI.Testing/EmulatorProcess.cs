using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Testing
{
    /// <summary>
    /// The DataWorks emulator started as its own process (`dotnet DataWorksDI.Emulator.dll`), exactly as a user runs it.
    /// Unless the arguments say otherwise it listens on a free port of 127.0.0.1 and keeps its state in a temporary data
    /// directory that is deleted with it. Tests talk to it over HTTP like any DataWorks endpoint; each test can make its
    /// own access key so that it counts its own requests while other tests run in parallel (docs/emulator.md).
    /// </summary>
    public sealed class EmulatorProcess : IDisposable
    {
        private static readonly Regex StartupLine = new Regex(@"listening on (?<url>http://[^\s/]+)/?(?: \(AccessKeyId: (?<key>\S+), data: (?<data>.+)\))?");

        private static readonly Lazy<EmulatorProcess> SharedLazy = new Lazy<EmulatorProcess>(() =>
        {
            // Deployment checks by file name, so tests can reach the rejected, check-failed and failed states (the emulator
            // fails a deployment only when told to: docs/emulator.md, "Deployments").
            string config = Path.Combine(Path.GetTempPath(), "dwdi-emulator-config-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(config, "{\"deploymentChecks\":[{\"fileNamePattern\":\"rejectme_*\",\"outcome\":\"reject\"},{\"fileNamePattern\":\"checkfailme_*\",\"outcome\":\"checkFail\"},"
                + "{\"fileNamePattern\":\"failprodme_*\",\"outcome\":\"fail\",\"stage\":\"deploy\"}]}");
            var e = Start("--deployment-delay", "300ms", "--config", config);
            AppDomain.CurrentDomain.ProcessExit += (_, __) => e.Dispose();
            return e;
        });

        private static readonly HttpClient Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        private readonly Process _process;
        private readonly bool _ownsDataDirectory;

        /// <summary>One emulator for the whole test run of a test assembly (deployments settle after 300 ms).</summary>
        public static EmulatorProcess Shared => SharedLazy.Value;

        private readonly List<string> _stderr;

        private EmulatorProcess(Process process, Uri baseAddress, string accessKeyId, string dataDirectory, bool ownsDataDirectory, string startupLine, List<string> stderr)
        {
            _process = process;
            _stderr = stderr;
            BaseAddress = baseAddress;
            AccessKeyId = accessKeyId;
            DataDirectory = dataDirectory;
            _ownsDataDirectory = ownsDataDirectory;
            FirstLine = startupLine;
        }

        public Uri BaseAddress { get; }

        /// <summary>The access key id the emulator announced (its demo key, or the one given with --access-key-id).</summary>
        public string AccessKeyId { get; }

        public string DataDirectory { get; }

        /// <summary>The line the emulator announces itself with (the first it prints): address, access key id, data directory.</summary>
        public string FirstLine { get; }

        public bool HasExited => _process.HasExited;

        public int ProcessId => _process.Id;

        /// <summary>What the emulator wrote to stderr so far (its log), one entry a line.</summary>
        public string[] StandardError
        {
            get { lock (_stderr) return _stderr.ToArray(); }
        }

        /// <summary>
        /// Waits until a stderr line matches (stderr is read asynchronously, so a line written before the startup line may
        /// arrive after it). Returns the lines read so far; the caller asserts on them.
        /// </summary>
        public string[] WaitForStandardError(Func<string, bool> match, TimeSpan? timeout = null)
        {
            var watch = Stopwatch.StartNew();
            TimeSpan limit = timeout ?? TimeSpan.FromSeconds(15);
            while (true)
            {
                string[] lines = StandardError;
                if (lines.Any(match) || watch.Elapsed > limit || _process.HasExited) return lines;
                System.Threading.Thread.Sleep(25);
            }
        }

        /// <summary>
        /// Starts an emulator. --urls defaults to http://127.0.0.1:0 and --data-dir to a fresh temporary directory (deleted
        /// on Dispose); either given in <paramref name="args"/> is used as is.
        /// </summary>
        public static EmulatorProcess Start(params string[] args) => Start(null, args);

        /// <summary><see cref="Start(string[])"/> with extra environment variables for the emulator process.</summary>
        public static EmulatorProcess Start(IDictionary<string, string> environment, params string[] args)
        {
            var argList = new List<string> { RepoPaths.EmulatorDll };
            if (Array.IndexOf(args, "--urls") < 0) argList.AddRange(new[] { "--urls", "http://127.0.0.1:0" });
            string dataDir;
            int i = Array.IndexOf(args, "--data-dir");
            bool owns = i < 0;
            if (owns)
            {
                dataDir = Path.Combine(Path.GetTempPath(), "dwdi-emulator-" + Guid.NewGuid().ToString("N"));
                argList.Add("--data-dir");
                argList.Add(dataDir);
            }
            else
            {
                dataDir = args[i + 1];
            }
            // A test host killed at the end of a run never disposes what it started: the emulator ends with this process.
            if (Array.IndexOf(args, "--exit-with-process") < 0) argList.AddRange(new[] { "--exit-with-process", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            argList.AddRange(args);
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in argList) psi.ArgumentList.Add(a);
            if (environment != null) foreach (var e in environment) psi.Environment[e.Key] = e.Value;
            Process process = Process.Start(psi);
            var stderr = new List<string>();
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.Add(e.Data); };
            process.BeginErrorReadLine();

            var watch = Stopwatch.StartNew();
            string line;
            while ((line = process.StandardOutput.ReadLine()) != null)
            {
                Match m = StartupLine.Match(line);
                if (m.Success)
                {
                    // Keep draining stdout so the emulator never blocks on a full pipe.
                    Task.Run(() => { while (process.StandardOutput.ReadLine() != null) { } });
                    // A wildcard bind is announced as such; tests reach it on loopback.
                    string url = m.Groups["url"].Value.Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1");
                    var started = new EmulatorProcess(process, new Uri(url + "/"), m.Groups["key"].Success ? m.Groups["key"].Value : null, dataDir, owns, line, stderr);
                    SecretRegistry.AddSource(started.IssuedSecrets);
                    return started;
                }
                if (watch.Elapsed > TimeSpan.FromSeconds(60)) break;
            }
            try { process.Kill(); } catch (InvalidOperationException) { }
            process.WaitForExit(5000);
            lock (stderr) throw new InvalidOperationException("The emulator did not start: " + string.Join(Environment.NewLine, stderr));
        }

        /// <summary><see cref="Start"/> off the calling thread, for async tests.</summary>
        public static Task<EmulatorProcess> StartAsync(params string[] args) => Task.Run(() => Start(args));

        /// <summary><see cref="Start(IDictionary{string, string}, string[])"/> off the calling thread.</summary>
        public static Task<EmulatorProcess> StartAsync(IDictionary<string, string> environment, params string[] args) => Task.Run(() => Start(environment, args));

        /// <summary>A fresh key pair, so the caller can count its own requests in the log.</summary>
        public (string Id, string Secret, string Token) CreateAccessKey(bool sts = false)
        {
            string body = sts ? "{\"securityToken\":true}" : "{}";
            HttpResponseMessage r = Http.PostAsync(new Uri(BaseAddress, "_emulator/access-keys"), new StringContent(body, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
            string text = r.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException("access-keys: " + text);
            JObject o = JObject.Parse(text);
            SecretRegistry.Register((string)(o["accessKeySecret"] ?? o["AccessKeySecret"]));
            SecretRegistry.Register((string)(o["securityToken"] ?? o["SecurityToken"]));
            return ((string)(o["accessKeyId"] ?? o["AccessKeyId"]), (string)(o["accessKeySecret"] ?? o["AccessKeySecret"]), (string)(o["securityToken"] ?? o["SecurityToken"]));
        }

        private readonly List<string> _issuedSecrets = new List<string>();
        private long _issuedSequence;

        /// <summary>Secrets and tokens of every temporary key pair this emulator issued (STS, metadata, credentials URI) so far.</summary>
        public IEnumerable<string> IssuedSecrets()
        {
            lock (_issuedSecrets)
            {
                if (!_process.HasExited)
                {
                    try
                    {
                        foreach (JObject c in IssuedCredentials(_issuedSequence))
                        {
                            _issuedSecrets.Add((string)c["accessKeySecret"]);
                            _issuedSecrets.Add((string)c["securityToken"]);
                            _issuedSequence = Math.Max(_issuedSequence, (long)c["sequence"]);
                        }
                    }
                    catch (HttpRequestException) { }
                    catch (TaskCanceledException) { }
                }
                return _issuedSecrets.ToList();
            }
        }

        /// <summary>The temporary credentials issued after <paramref name="since"/> (a sequence number), oldest first.</summary>
        public List<JObject> IssuedCredentials(long since = 0)
        {
            string text = Http.GetStringAsync(new Uri(BaseAddress, "_emulator/issued-credentials?since=" + since)).GetAwaiter().GetResult();
            return ((JArray)JObject.Parse(text)["credentials"]).Cast<JObject>().ToList();
        }

        /// <summary>Mints an OIDC token the emulator's AssumeRoleWithOIDC accepts (registered as a secret).</summary>
        public string MintOidcToken(string oidcProviderArn)
        {
            HttpResponseMessage r = Http.PostAsync(new Uri(BaseAddress, "_emulator/oidc-tokens"), new StringContent("{\"oidcProviderArn\":\"" + oidcProviderArn + "\"}", Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
            string token = (string)JObject.Parse(r.Content.ReadAsStringAsync().GetAwaiter().GetResult())["token"];
            SecretRegistry.Register(token);
            return token;
        }

        /// <summary>The API calls made with one access key, oldest first.</summary>
        public List<JObject> Requests(string accessKeyId)
        {
            string text = Http.GetStringAsync(new Uri(BaseAddress, "_emulator/requests?accessKeyId=" + Uri.EscapeDataString(accessKeyId))).GetAwaiter().GetResult();
            JToken t = JToken.Parse(text);
            JArray items = t as JArray ?? (JArray)(t["requests"] ?? t["Requests"]);
            return items.Cast<JObject>().ToList();
        }

        public List<string> Actions(string accessKeyId) =>
            Requests(accessKeyId).Select(r => (string)(r["action"] ?? r["Action"])).ToList();

        /// <summary>Ends the process at once, like a crash or kill -9: no shutdown code runs.</summary>
        public void KillHard()
        {
            try
            {
                // Kill(), not Kill(true): `dotnet Emulator.dll` is one process with no children, and on Unix the tree kill
                // stops (SIGSTOP) the process before it kills it; a test host ended between the two (this runs at its
                // ProcessExit) left an emulator stopped for good, where its --exit-with-process watch cannot run.
                if (!_process.HasExited) _process.Kill();
                _process.WaitForExit(10000);
            }
            catch (InvalidOperationException)
            {
            }
        }

        public void Dispose()
        {
            KillHard();
            _process.Dispose();
            if (_ownsDataDirectory)
            {
                try { Directory.Delete(DataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}
