using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// Issue 12 through the cmdlets, where a C#-level harness is needed: retry allowances against a scripted server that
    /// throttles (or fails) exactly once, and two runspaces of one process sharing a key at the rate limit, run at once.
    /// What Connect-DIWorkspace and Get-DIContext show of pacing and the budget, and a budget that stops a run, are
    /// specified in tests/Pester/Connect-DIWorkspace.Tests.ps1 and Get-DIContext.Tests.ps1.
    /// </summary>
    public class PacingAndBudgetTests
    {
        private const string ProjectOk = "{\"RequestId\":\"REQ-OK\",\"Success\":true,\"HttpStatusCode\":200,\"Data\":{\"ProjectId\":5,\"ProjectIdentifier\":\"p5\",\"ProjectMode\":3}}";

        private static string ConnectScripted(string extra) =>
            "$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 5 -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) " + extra;

        private static Dictionary<string, object> Scripted(ScriptedHttpServer server) => new Dictionary<string, object>
        {
            ["endpoint"] = server.BaseAddress.ToString(),
            ["keyId"] = ClientTestKit.UniqueKeyId(),
            ["secret"] = ClientTestKit.Secret,
        };

        /// <summary>Throttling has its own allowance: -MaxAttempts 1 leaves it on; with -MaxThrottlingRetries 0 as well, nothing is retried.</summary>
        [Fact]
        public void MaxAttempts1_StillRetriesThrottling_AndWithMaxThrottlingRetries0_NothingIsRetried()
        {
            using (var ps = new PowerShellSession())
            {
                using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "10"), ScriptedResponse.Ok(ProjectOk)))
                {
                    PSResult r = ps.Run(ConnectScripted("-MaxAttempts 1") + "\nGet-DIWorkspace -ProjectId 5 | ForEach-Object ProjectId", Scripted(server));
                    Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                    Assert.Equal(5L, r.Output.Single().BaseObject);
                    Assert.Equal(2, server.Requests.Count);
                }
                using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "10"), ScriptedResponse.Ok(ProjectOk)))
                {
                    PSResult r = ps.Run(ConnectScripted("-MaxAttempts 1 -MaxThrottlingRetries 0") + "\nGet-DIWorkspace -ProjectId 5", Scripted(server));
                    Assert.Equal("Throttling.User", r.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
                    Assert.Single(server.Requests);
                }
                using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(503, "ServiceUnavailable"), ScriptedResponse.Ok(ProjectOk)))
                {
                    PSResult r = ps.Run(ConnectScripted("-MaxAttempts 1") + "\nGet-DIWorkspace -ProjectId 5", Scripted(server));
                    Assert.Equal("ServiceUnavailable", r.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
                    Assert.Single(server.Requests);
                }
            }
        }

        /// <summary>
        /// Issue 12: two runspaces sharing a key against a 5 QPS limit, each configured for twice the limit so that the
        /// emulator does throttle them, take tasks through the lifecycle: no throttling error reaches either, and each
        /// context's counters agree with what the emulator answered.
        /// </summary>
        [Fact]
        public async Task TwoRunspaces_SharingAKey_AtA5QpsLimit_SeeNoThrottlingError()
        {
            using (EmulatorProcess emulator = await EmulatorProcess.StartAsync("--qps-limit", "5", "--deployment-delay", "300ms"))
            using (var a = new EmulatorSession(projectId: 10000, emulator: emulator, connect: false))
            using (var b = new PowerShellSession())
            {
                string script =
                    "$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10000 -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -MaxRequestsPerSecond 10\n" +
                    "1..3 | ForEach-Object { [pscustomobject]@{ Name = \"$($prefix)_$_\"; FolderPath = $folder; ResourceGroup = $group; Content = $content } } |\n" +
                    "    New-DISyncTask | Set-DIFileSchedule -Daily -At 05:30 | Submit-DIFile -Wait -PollInterval 1 | Publish-DIFile -Wait -PollInterval 1 | ForEach-Object Status\n" +
                    "$s = (Get-DIContext).Calls; 'calls', $s.CallsMade, $s.Throttled";
                var vars = new Dictionary<string, object>
                {
                    ["endpoint"] = emulator.BaseAddress.ToString(), ["keyId"] = a.KeyId, ["secret"] = a.Secret, ["folder"] = EmulatorSession.SeedFolder,
                    ["group"] = EmulatorSession.SeedResourceGroup, ["content"] = EmulatorSession.SeedContent,
                };
                Task<PSResult> first = Task.Run(() => a.PowerShell.Run(script, new Dictionary<string, object>(vars) { ["prefix"] = EmulatorSession.UniqueName("rs_a") }));
                Task<PSResult> second = Task.Run(() => b.Run(script, new Dictionary<string, object>(vars) { ["prefix"] = EmulatorSession.UniqueName("rs_b") }));
                PSResult[] results = await Task.WhenAll(first, second);

                long made = 0, throttledSeen = 0;
                foreach (PSResult r in results)
                {
                    Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                    object[] output = r.Output.Select(o => o.BaseObject).ToArray();
                    Assert.Equal(new object[] { "Succeeded", "Succeeded", "Succeeded", "calls" }, output.Take(4).Select(o => o.ToString()).ToArray());
                    made += (long)output[4];
                    throttledSeen += (long)output[5];
                }
                List<Newtonsoft.Json.Linq.JObject> log = emulator.Requests(a.KeyId);
                int throttled = log.Count(e => (string)e["errorCode"] == "Throttling.User");
                Assert.Equal(log.Count, made);
                Assert.Equal(throttled, throttledSeen);
                Assert.True(throttled > 0, "the emulator never throttled: the test did not exercise the limit");
            }
        }
    }
}
