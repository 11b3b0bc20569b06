using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.Tests.Infrastructure;
using DataWorksDI.Testing;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>
    /// The emulator as an operator runs it (issue 11 item 8): the address it really listens on, admin endpoints kept off
    /// the network unless a token guards them, secrets from the environment or a file, slow and aborted bodies.
    /// Each test starts the built emulator as its own process.
    /// </summary>
    public sealed class HostingTests
    {
        private static readonly HttpClient Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        private static string[] Args(string dataDirectory, params string[] more) =>
            new[] { "--data-dir", dataDirectory, "--deployment-delay", "300ms" }.Concat(more).ToArray();

        [Fact]
        public async Task With_exit_with_process_it_stops_by_itself_once_that_process_has_gone()
        {
            // A process that lives a few seconds stands for the test run or PowerShell session that started the emulator.
            var psi = OperatingSystem.IsWindows()
                ? new System.Diagnostics.ProcessStartInfo("ping", "-n 4 127.0.0.1") { RedirectStandardOutput = true }
                : new System.Diagnostics.ProcessStartInfo("sleep", "3");
            using var owner = System.Diagnostics.Process.Start(psi);
            using (var e = await EmulatorProcess.StartAsync(Args(TestEmulator.NewDataDirectory(), "--urls", "http://127.0.0.1:0", "--exit-with-process", owner.Id.ToString())))
            {
                Assert.Equal(200, (int)(await Http.GetAsync(new Uri(e.BaseAddress, "/_emulator/health"))).StatusCode);
                Assert.False(e.HasExited);
                owner.WaitForExit();
                var watch = System.Diagnostics.Stopwatch.StartNew();
                while (!e.HasExited && watch.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(100);
                Assert.True(e.HasExited, "the emulator still runs after the process it was told to exit with has gone");
                // Its standard error is read asynchronously: the last lines can arrive just after the process has exited.
                watch.Restart();
                while (!e.StandardError.Any(l => l.Contains("(--exit-with-process) has exited; stopping.")) && watch.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
                Assert.Contains(e.StandardError, l => l.Contains("(--exit-with-process) has exited; stopping."));
            }
        }

        [Fact]
        public void With_exit_with_process_naming_no_process_it_refuses_to_start()
        {
            var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string a in new[] { RepoPaths.EmulatorDll, "--urls", "http://127.0.0.1:0", "--data-dir", TestEmulator.NewDataDirectory(), "--exit-with-process", "2147483646" }) psi.ArgumentList.Add(a);
            using var p = System.Diagnostics.Process.Start(psi);
            string error = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(30000));
            Assert.Equal(2, p.ExitCode);
            Assert.Contains("--exit-with-process 2147483646: no such process is running.", error);
        }

        [Fact]
        public async Task On_all_interfaces_it_prints_that_address_with_the_real_port_and_switches_the_admin_endpoints_off()
        {
            string dir = TestEmulator.NewDataDirectory();
            using (var e = await EmulatorProcess.StartAsync(Args(dir, "--urls", "http://0.0.0.0:0")))
            {
                Assert.Matches(@"^DataWorks emulator listening on http://0\.0\.0\.0:[1-9]\d* \(AccessKeyId: ", e.FirstLine);
                Assert.Contains(e.WaitForStandardError(l => l.Contains("admin endpoints")), l => l.Contains("admin endpoints") && l.Contains(EmulatorOptions.AdminTokenVariable));
                foreach (string path in new[] { "/_emulator/health", "/_emulator/issued-credentials", "/_emulator/credentials-uri" })
                {
                    var refused = await Http.GetAsync(new Uri(e.BaseAddress, path));
                    Assert.Equal(403, (int)refused.StatusCode);
                    Assert.Contains(EmulatorOptions.AdminTokenVariable, await refused.Content.ReadAsStringAsync());
                }
                var mint = await Http.PostAsync(new Uri(e.BaseAddress, "/_emulator/access-keys"), new StringContent("{}", Encoding.UTF8, "application/json"));
                Assert.Equal(403, (int)mint.StatusCode);
                var metadata = new HttpRequestMessage(HttpMethod.Put, new Uri(e.BaseAddress, "/latest/api/token"));
                metadata.Headers.Add("X-aliyun-ecs-metadata-token-ttl-seconds", "60");
                Assert.Equal(403, (int)(await Http.SendAsync(metadata)).StatusCode);
                // The API itself is served.
                using var client = new DwClient(e.BaseAddress, new Key(EmulatorOptions.DemoAccessKeyId, EmulatorOptions.DemoAccessKeySecret, null));
                Assert.Equal(200, (await client.SendAsync(new V3Request { Action = "ListProjects" })).Status);
            }
        }

        [Fact]
        public async Task With_an_admin_token_from_the_environment_admin_endpoints_require_it_wherever_it_listens()
        {
            string token = "admin-" + Guid.NewGuid().ToString("N");
            var env = new Dictionary<string, string> { [EmulatorOptions.AdminTokenVariable] = token };
            using (var e = await EmulatorProcess.StartAsync(env, Args(TestEmulator.NewDataDirectory(), "--urls", "http://0.0.0.0:0")))
            {
                Assert.DoesNotContain(e.StandardError, l => l.Contains("switched off"));
                Assert.Equal(401, (int)(await Http.GetAsync(new Uri(e.BaseAddress, "/_emulator/health"))).StatusCode);
                var wrong = new HttpRequestMessage(HttpMethod.Get, new Uri(e.BaseAddress, "/_emulator/health"));
                wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
                Assert.Equal(401, (int)(await Http.SendAsync(wrong)).StatusCode);
                var right = new HttpRequestMessage(HttpMethod.Get, new Uri(e.BaseAddress, "/_emulator/health"));
                right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                Assert.Equal(200, (int)(await Http.SendAsync(right)).StatusCode);
                Assert.DoesNotContain(token, string.Join("\n", e.StandardError));
            }
            // Loopback bind with a token: still required.
            using (var e = await EmulatorProcess.StartAsync(env, Args(TestEmulator.NewDataDirectory(), "--urls", "http://127.0.0.1:0")))
            {
                Assert.Equal(401, (int)(await Http.GetAsync(new Uri(e.BaseAddress, "/_emulator/health"))).StatusCode);
            }
        }

        [Fact]
        public async Task On_loopback_without_a_token_admin_endpoints_are_served()
        {
            using (var e = await EmulatorProcess.StartAsync(Args(TestEmulator.NewDataDirectory(), "--urls", "http://127.0.0.1:0")))
            {
                Assert.Matches(@"^DataWorks emulator listening on http://127\.0\.0\.1:[1-9]\d* ", e.FirstLine);
                Assert.Equal(200, (int)(await Http.GetAsync(new Uri(e.BaseAddress, "/_emulator/health"))).StatusCode);
            }
        }

        [Fact]
        public async Task The_key_pair_from_the_environment_is_accepted_and_never_on_the_command_line()
        {
            string secret = "EnvSecret" + Guid.NewGuid().ToString("N");
            var env = new Dictionary<string, string>
            {
                [EmulatorOptions.AccessKeyIdVariable] = "LTAI5tFromEnvironment",
                [EmulatorOptions.AccessKeySecretVariable] = secret,
            };
            using (var e = await EmulatorProcess.StartAsync(env, Args(TestEmulator.NewDataDirectory(), "--urls", "http://127.0.0.1:0")))
            {
                Assert.Equal("LTAI5tFromEnvironment", e.AccessKeyId);
                if (File.Exists("/proc/" + e.ProcessId + "/cmdline"))
                    Assert.DoesNotContain(secret, File.ReadAllText("/proc/" + e.ProcessId + "/cmdline"));
                using var client = new DwClient(e.BaseAddress, new Key("LTAI5tFromEnvironment", secret, null));
                Assert.Equal(200, (await client.SendAsync(new V3Request { Action = "ListProjects" })).Status);
                client.DefaultKey = new Key(EmulatorOptions.DemoAccessKeyId, EmulatorOptions.DemoAccessKeySecret, null);
                (await client.SendAsync(new V3Request { Action = "ListProjects" })).Error(404, "InvalidAccessKeyId.NotFound");
                Assert.DoesNotContain(e.StandardError, l => l.Contains(secret));
            }
        }

        [Fact]
        public async Task A_secret_on_the_command_line_still_works_with_a_warning_that_it_is_visible()
        {
            using (var e = await EmulatorProcess.StartAsync(Args(TestEmulator.NewDataDirectory(), "--urls", "http://127.0.0.1:0",
                "--access-key-id", "LTAI5tArgv", "--access-key-secret", "ArgvSecretValue123")))
            {
                Assert.Contains(e.WaitForStandardError(l => l.Contains("process list")), l => l.Contains("process list") && l.Contains(EmulatorOptions.AccessKeySecretVariable));
                Assert.DoesNotContain(e.StandardError, l => l.Contains("ArgvSecretValue123"));
                using var client = new DwClient(e.BaseAddress, new Key("LTAI5tArgv", "ArgvSecretValue123", null));
                Assert.Equal(200, (await client.SendAsync(new V3Request { Action = "ListProjects" })).Status);
            }
        }

        [Fact]
        public async Task A_body_slower_than_the_minimum_rate_is_408_in_JSON()
        {
            using (var e = await EmulatorProcess.StartAsync(Args(TestEmulator.NewDataDirectory(), "--urls", "http://127.0.0.1:0")))
            {
                using var client = new TcpClient();
                await client.ConnectAsync(e.BaseAddress.Host, e.BaseAddress.Port);
                var stream = client.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: " + e.BaseAddress.Authority
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nProjectId=10000&TaskContent="));
                // Nothing more: past the grace period Kestrel's minimum data rate fails the read.
                var answer = await ReadAnswerAsync(stream, TimeSpan.FromSeconds(30));
                Assert.StartsWith("HTTP/1.1 408", answer);
                string body = answer.Substring(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);
                Assert.Equal("RequestTimeout", System.Text.Json.Nodes.JsonNode.Parse(body)["Code"].GetValue<string>());
                Assert.DoesNotContain(e.StandardError, l => l.Contains("unexpected error") || l.Contains("   at "));
            }
        }

        [Fact]
        public async Task A_client_that_aborts_mid_body_is_logged_as_such_not_as_a_500()
        {
            using (var e = await EmulatorProcess.StartAsync(Args(TestEmulator.NewDataDirectory(), "--urls", "http://127.0.0.1:0")))
            {
                using (var client = new TcpClient())
                {
                    await client.ConnectAsync(e.BaseAddress.Host, e.BaseAddress.Port);
                    var stream = client.GetStream();
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: " + e.BaseAddress.Authority
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n" + new string('a', 5000)));
                    await Task.Delay(300);
                    client.Client.LingerState = new LingerOption(true, 0); // reset, as a killed client does
                }
                var deadline = DateTime.UtcNow.AddSeconds(15);
                while (!e.StandardError.Any(l => l.Contains("closed the connection")) && DateTime.UtcNow < deadline) await Task.Delay(100);
                Assert.Contains(e.StandardError, l => l.Contains("The client closed the connection after") && l.Contains("not processed"));
                Assert.DoesNotContain(e.StandardError, l => l.Contains("unexpected error") || l.Contains("   at "));
                var log = System.Text.Json.Nodes.JsonNode.Parse(await Http.GetStringAsync(new Uri(e.BaseAddress, "/_emulator/requests")));
                Assert.Contains(log["requests"].AsArray(), r => r["errorCode"]?.GetValue<string>() == "ClientDisconnected" && r["httpStatus"] == null);
                using var dw = new DwClient(e.BaseAddress, new Key(EmulatorOptions.DemoAccessKeyId, EmulatorOptions.DemoAccessKeySecret, null));
                Assert.Equal(200, (await dw.SendAsync(new V3Request { Action = "ListProjects" })).Status);
            }
        }

        private static async Task<string> ReadAnswerAsync(NetworkStream stream, TimeSpan timeout)
        {
            var received = new MemoryStream();
            var buffer = new byte[8192];
            var deadline = Task.Delay(timeout);
            while (true)
            {
                var read = stream.ReadAsync(buffer, 0, buffer.Length);
                if (await Task.WhenAny(read, deadline) != read) break;
                int n;
                try { n = await read; } catch (IOException) { break; }
                if (n == 0) break;
                received.Write(buffer, 0, n);
            }
            return Encoding.UTF8.GetString(received.ToArray());
        }
    }
}
