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
    /// Issue 12 through the cmdlets: Connect-DIWorkspace's pacing, budget and retry parameters, what Get-DIContext shows,
    /// a budget that stops a run cleanly, and runspaces that share a key at the rate limit without a throttling error.
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

        [Fact]
        public void Edition_ChoosesTheRateAndBudget_AndGetDIContext_ShowsCallsAndBudget_In80Columns()
        {
            using (var session = new EmulatorSession(connect: false))
            {
                PSResult r = session.Run(
                    "$ctx = Connect-DIWorkspace -Endpoint $endpoint -ProjectId $projectId -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -Edition Basic\n" +
                    "$before = (Get-DIContext).Calls\n" +
                    "$null = Get-DIWorkspace -ProjectId $projectId\n" +
                    "$after = (Get-DIContext).Calls\n" +
                    "[pscustomobject]@{ Rate = $ctx.MaxRequestsPerSecond; Budget = $ctx.DailyCallBudget; Edition = \"$($ctx.Edition)\"; LeftBefore = $before.CallsLeftToday;" +
                    " Made = $after.CallsMade; Today = $after.CallsToday; Left = $after.CallsLeftToday; Throttled = $after.Throttled; Resets = $after.BudgetResetsAt }\n" +
                    "Get-DIContext | Out-String -Width 80");
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                PSObject o = r.Output[0];
                Assert.Equal(5.0, (double)o.Properties["Rate"].Value);
                Assert.Equal(100, (int)o.Properties["Budget"].Value);
                Assert.Equal("Basic", (string)o.Properties["Edition"].Value);
                Assert.Equal(100L, (long)o.Properties["LeftBefore"].Value);
                Assert.Equal(1L, (long)o.Properties["Made"].Value);
                Assert.Equal(1L, (long)o.Properties["Today"].Value);
                Assert.Equal(99L, (long)o.Properties["Left"].Value);
                Assert.Equal(0L, (long)o.Properties["Throttled"].Value);
                var resets = (DateTimeOffset)o.Properties["Resets"].Value;
                Assert.Equal(TimeSpan.Zero, resets.ToOffset(TimeSpan.FromHours(8)).TimeOfDay);

                string view = (string)r.Output[1].BaseObject;
                string[] lines = view.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();
                Assert.All(lines, l => Assert.True(l.Length <= 80, $"wider than 80 columns: '{l}'"));
                Assert.Contains(lines, l => Regex.IsMatch(l, @"^Pacing\s+: 5/s adaptive, Basic edition$"));
                Assert.Contains(lines, l => Regex.IsMatch(l, @"^Calls\s+: 1 made, 0 throttled, 0 retried, 0 refused by budget$")); // Get-DIWorkspace; showing the context calls nothing
                Assert.Contains(lines, l => Regex.IsMatch(l, @"^DailyCallBudget\s+: 1 of 100 spent, 99 left, resets \d{4}-\d\d-\d\d 00:00 UTC\+8$"));
                Assert.Contains(lines, l => l.StartsWith("Endpoint", StringComparison.Ordinal) && l.Contains(session.Emulator.BaseAddress.Authority));
            }
        }

        [Fact]
        public void ExplicitRateAndBudget_WinOverTheEdition_AndWithoutAnEdition_TheDefaultsAre5PerSecondAndNoBudget()
        {
            using (var session = new EmulatorSession(connect: false))
            {
                PSResult r = session.Run(
                    "$a = Connect-DIWorkspace -Endpoint $endpoint -ProjectId $projectId -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -Edition Enterprise -DailyCallBudget 500\n" +
                    "$b = Connect-DIWorkspace -Endpoint $endpoint -ProjectId $projectId -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -Edition Basic -MaxRequestsPerSecond 2.5\n" +
                    "$c = Connect-DIWorkspace -Endpoint $endpoint -ProjectId $projectId -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword)\n" +
                    "$a.MaxRequestsPerSecond, $a.DailyCallBudget, $b.MaxRequestsPerSecond, $b.DailyCallBudget, $c.MaxRequestsPerSecond, ($null -eq $c.DailyCallBudget), ($null -eq $c.Edition), $c.MaxThrottlingRetries");
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.Equal(new object[] { 20.0, 500, 2.5, 100, 5.0, true, true, 10 }, r.Output.Select(o => o.BaseObject).ToArray());
            }
        }

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
        /// Issue 12: a daily budget of N calls stops the run before call N+1, with one terminating error that names the
        /// file, what was done and the command to finish; the items after it were never started; and the named command,
        /// run once the budget allows, finishes the file.
        /// </summary>
        [Fact]
        public void ABudgetOfNCalls_StopsTheRunBeforeCallNPlus1_NamingTheFile_WhatWasDone_AndTheCommandToFinish()
        {
            using (var session = new EmulatorSession(projectId: 10000, connect: false))
            {
                string prefix = EmulatorSession.UniqueName("budget");
                // The catalogue's reads before the first create (ListFolders, ListResourceGroups, ListDataSources), then
                // CreateDISyncTask, GetFile, UpdateFile, SubmitFile = 7: the wait's first poll is call 8, refused.
                PSResult r = session.Run(
                    "$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId $projectId -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -DailyCallBudget 7\n" +
                    "try {\n" +
                    "  1..3 | ForEach-Object { [pscustomobject]@{ Name = \"$($prefix)_$_\"; FolderPath = $folder; ResourceGroup = $group; Content = $content } } |\n" +
                    "    New-DISyncTask | Set-DIFileSchedule -Daily -At 05:30 | Submit-DIFile -Wait -PollInterval 1 | Publish-DIFile -Wait -PollInterval 1\n" +
                    "} catch [DataWorksDI.Client.CallBudgetExhaustedException] { $_ }",
                    new Dictionary<string, object> { ["prefix"] = prefix, ["projectId"] = 10000L });

                // Terminating: a runbook's try/catch catches it (a non-terminating error would pass by), and nothing else is written.
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                ErrorRecord error = Assert.IsType<ErrorRecord>(r.Output.Single().BaseObject);
                Assert.Equal(CallBudgetExhaustedException.ErrorId, error.FullyQualifiedErrorId.Split(',')[0]);
                var budget = Assert.IsType<CallBudgetExhaustedException>(error.Exception);
                Assert.Equal(7, budget.Budget);
                Assert.Equal(7L, budget.Spent);
                Assert.Equal(7, session.CallCount());
                Assert.Equal(new[] { "ListFolders", "ListResourceGroups", "ListDataSources", "CreateDISyncTask", "GetFile", "UpdateFile", "SubmitFile" }, session.Actions().ToArray());

                string message = budget.Message;
                Match finish = Regex.Match(message, @"finish with: (Wait-DIDeployment -ProjectId 10000 -DeploymentId (\d+))\.");
                Assert.True(finish.Success, message);
                Assert.Matches(@"File \d+ in workspace 10000: submitted as deployment \d+, which had not finished\.", message);
                Assert.Contains("Nothing was sent for this call", message);
                Assert.Contains("UTC+8", message);

                // Only the first item was started: no second task exists.
                PSResult files = session.Run("$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10000 -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -DailyCallBudget 100\n" +
                    "Get-DIFile -Keyword $prefix | ForEach-Object FileName", new Dictionary<string, object> { ["prefix"] = prefix });
                Assert.Equal(new object[] { prefix + "_1" }, files.Output.Select(o => o.BaseObject).ToArray());

                // With room in the budget (a larger one here; the next day in real life), the named command finishes the file.
                PSResult finished = session.Run(finish.Groups[1].Value + " | ForEach-Object Status");
                Assert.True(finished.Errors.Count == 0 && finished.Terminating == null, finished.ErrorText);
                Assert.Equal("Succeeded", finished.Output.Single().ToString());
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
