using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Tests.Infrastructure
{
    /// <summary>
    /// The DataWorks emulator started as its own process (`dotnet DataWorksDI.Emulator.dll`), exactly as a user runs it,
    /// on a free port and a temporary data directory. Tests talk to it over HTTP like any DataWorks endpoint; each test
    /// makes its own access key so that it can count its own requests while other tests run in parallel.
    /// </summary>
    public sealed class EmulatorProcess : IDisposable
    {
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

        /// <summary>One emulator for the whole test run (deployments settle after 300 ms).</summary>
        public static EmulatorProcess Shared => SharedLazy.Value;

        private EmulatorProcess(Process process, Uri baseAddress, string dataDirectory, bool ownsDataDirectory)
        {
            _process = process;
            BaseAddress = baseAddress;
            DataDirectory = dataDirectory;
            _ownsDataDirectory = ownsDataDirectory;
        }

        public Uri BaseAddress { get; }

        public string DataDirectory { get; }

        public static string EmulatorDll
        {
            get
            {
                string configuration = AppContext.BaseDirectory.Contains(Path.DirectorySeparatorChar + "Release" + Path.DirectorySeparatorChar) ? "Release" : "Debug";
                string dll = Path.Combine(RepoPaths.Root, "src", "DataWorksDI.Emulator", "bin", configuration, "net10.0", "DataWorksDI.Emulator.dll");
                if (!File.Exists(dll)) throw new FileNotFoundException("The emulator is not built; build the solution first.", dll);
                return dll;
            }
        }

        /// <summary>Starts an emulator with its own data directory (or the one given with --data-dir in <paramref name="args"/>).</summary>
        public static EmulatorProcess Start(params string[] args)
        {
            var argList = new List<string> { EmulatorDll, "--urls", "http://127.0.0.1:0" };
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
                Match m = Regex.Match(line, @"listening on (http://127\.0\.0\.1:\d+)");
                if (m.Success)
                {
                    // Keep draining stdout so the emulator never blocks on a full pipe.
                    System.Threading.Tasks.Task.Run(() => { while (process.StandardOutput.ReadLine() != null) { } });
                    var started = new EmulatorProcess(process, new Uri(m.Groups[1].Value + "/"), dataDir, owns);
                    SecretRegistry.AddSource(started.IssuedSecrets);
                    return started;
                }
                if (watch.Elapsed > TimeSpan.FromSeconds(60)) break;
            }
            try { process.Kill(true); } catch (InvalidOperationException) { }
            process.WaitForExit(5000);
            lock (stderr) throw new InvalidOperationException("The emulator did not start: " + stderr);
        }

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
                    catch (System.Threading.Tasks.TaskCanceledException) { }
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

        /// <summary>Ends the process at once, like a crash or kill -9.</summary>
        public void Kill()
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
            Kill();
            if (_ownsDataDirectory)
            {
                try { Directory.Delete(DataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}
