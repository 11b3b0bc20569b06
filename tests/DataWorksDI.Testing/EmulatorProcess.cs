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
            // Pre-deployment checks by file name, so tests can reach the rejected and check-failed states.
            string config = Path.Combine(Path.GetTempPath(), "dwdi-emulator-config-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(config, "{\"deploymentChecks\":[{\"fileNamePattern\":\"rejectme_*\",\"outcome\":\"reject\"},{\"fileNamePattern\":\"checkfailme_*\",\"outcome\":\"checkFail\"}]}");
            var e = Start("--deployment-delay", "300ms", "--config", config);
            AppDomain.CurrentDomain.ProcessExit += (_, __) => e.Dispose();
            return e;
        });

        private static readonly HttpClient Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        private readonly Process _process;
        private readonly bool _ownsDataDirectory;

        /// <summary>One emulator for the whole test run of a test assembly (deployments settle after 300 ms).</summary>
        public static EmulatorProcess Shared => SharedLazy.Value;

        private EmulatorProcess(Process process, Uri baseAddress, string accessKeyId, string dataDirectory, bool ownsDataDirectory, string startupLine)
        {
            _process = process;
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

        /// <summary>
        /// Starts an emulator. --urls defaults to http://127.0.0.1:0 and --data-dir to a fresh temporary directory (deleted
        /// on Dispose); either given in <paramref name="args"/> is used as is.
        /// </summary>
        public static EmulatorProcess Start(params string[] args)
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
            argList.AddRange(args);
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in argList) psi.ArgumentList.Add(a);
            Process process = Process.Start(psi);
            var stderr = new StringBuilder();
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.AppendLine(e.Data); };
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
                    var started = new EmulatorProcess(process, new Uri(m.Groups["url"].Value + "/"), m.Groups["key"].Success ? m.Groups["key"].Value : null, dataDir, owns, line);
                    SecretRegistry.AddSource(started.IssuedSecrets);
                    return started;
                }
                if (watch.Elapsed > TimeSpan.FromSeconds(60)) break;
            }
            try { process.Kill(true); } catch (InvalidOperationException) { }
            process.WaitForExit(5000);
            lock (stderr) throw new InvalidOperationException("The emulator did not start: " + stderr);
        }

        /// <summary><see cref="Start"/> off the calling thread, for async tests.</summary>
        public static Task<EmulatorProcess> StartAsync(params string[] args) => Task.Run(() => Start(args));

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
                if (!_process.HasExited) _process.Kill(true);
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
