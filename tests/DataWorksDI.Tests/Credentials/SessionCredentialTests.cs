using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Session;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Tests.Lifecycle;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Credentials
{
    /// <summary>Temporary credentials during long waits, and per-runspace isolation of the session context (no environment variables needed).</summary>
    public class SessionCredentialTests
    {
        [Fact]
        public void A_wait_that_outlives_a_short_lived_STS_credential_keeps_working()
        {
            EmulatorProcess emulator = CredentialEmulator.Shared;
            var (id, secret, _) = emulator.CreateAccessKey();
            string session = "wait-" + Guid.NewGuid().ToString("N").Substring(0, 10);
            var provider = new RamRoleArnCredentialProvider(
                new StaticCredentialProvider(new AcsCredential(id, AcsCredential.ToSecureString(secret))),
                new RoleSettings { RoleArn = CredentialEmulator.RoleArn, RoleSessionName = session }, new StsClient(emulator.BaseAddress), "wait test role");
            var context = ContextFactory.Create(new ContextSettings
            {
                ProjectId = 181565, Endpoint = emulator.BaseAddress, EndpointIsExplicit = true, Credentials = provider, Retry = new RetryOptions { MaxAttempts = 1 },
            });

            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run(@"
                    $f = New-DISyncTask -Context $ctx -Name $name -FolderPath $folder -ResourceGroup $group -Content $content
                    $d = $f | Submit-DIFile -Context $ctx
                    $d | Wait-DIDeployment -Context $ctx -PollInterval 0.5 -Timeout 60",
                    new Dictionary<string, object>
                    {
                        ["ctx"] = context, ["name"] = EmulatorSession.UniqueName("wait_sts"), ["folder"] = EmulatorSession.SeedFolder,
                        ["group"] = EmulatorSession.SeedResourceGroup, ["content"] = EmulatorSession.SeedContent,
                    });
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.NotEmpty(r.Output);
            }

            List<JObject> issued = emulator.IssuedCredentials().Where(c => (string)c["roleSessionName"] == session).ToList();
            Assert.True(issued.Count >= 3, $"the 10 s wait should have refreshed the 4 s credential at least twice; issued {issued.Count}");
            var used = issued.Select(c => (Key: (string)c["accessKeyId"], Calls: emulator.Requests((string)c["accessKeyId"]))).Where(u => u.Calls.Count > 0).ToList();
            Assert.True(used.Count >= 2, "DataWorks calls were made with only one STS credential");
            Assert.All(used.SelectMany(u => u.Calls), call => Assert.Equal(200, (int?)call["httpStatus"]));
            // The last poll happened after the first credential had expired.
            DateTimeOffset firstExpiry = DateTimeOffset.Parse((string)issued[0]["expiration"]);
            DateTimeOffset lastCall = used.SelectMany(u => u.Calls).Max(c => DateTimeOffset.Parse((string)c["time"]));
            Assert.True(lastCall > firstExpiry, $"last call {lastCall:o} is not after the first expiry {firstExpiry:o}");
        }

        [Fact]
        public async Task Two_runspaces_connected_to_different_workspaces_in_parallel_do_not_see_each_other()
        {
            using (var a = new EmulatorSession(10000))
            using (var b = new EmulatorSession(10001))
            {
                string Loop(EmulatorSession s, long expected) => string.Join(",", Enumerable.Range(0, 8).Select(_ =>
                {
                    PSResult r = s.Run("(Get-DIContext).ProjectId; (Get-DIWorkspace -ProjectId (Get-DIContext).ProjectId).ProjectId");
                    Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                    Assert.All(r.Output, o => Assert.Equal(expected, Convert.ToInt64(o.BaseObject)));
                    return r.Output.Count.ToString();
                }));
                Task<string> ta = Task.Run(() => Loop(a, 10000));
                Task<string> tb = Task.Run(() => Loop(b, 10001));
                string[] counts = await Task.WhenAll(ta, tb);
                Assert.DoesNotContain("0", counts[0].Split(','));
                Assert.DoesNotContain("0", counts[1].Split(','));
                // Each runspace's calls went out with its own key only.
                Assert.All(a.Emulator.Requests(a.KeyId), q => Assert.Equal(a.KeyId, (string)q["accessKeyId"]));
                Assert.True(a.CallCount() > 0 && b.CallCount() > 0);
            }
        }
    }
}
