using System;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Credentials
{
    /// <summary>Temporary credentials that cannot be refreshed in the middle of a session give a specific, non-terminating error.</summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public class RefreshFailureTests
    {
        [Fact]
        public void ARefreshThatFails_IsANonTerminatingCredentialError_NotACrash()
        {
            const string secret = "uri-secret-Refresh1";
            const string token = "uri-token-Refresh1";
            SecretRegistry.Register(secret);
            SecretRegistry.Register(token);
            // First answer: credentials that expire in 3 s (so the next call must refresh); then the source is down.
            using (var uri = new ScriptedHttpServer((req, i) => i == 0
                ? ScriptedResponse.Json(200, "{\"Code\":\"Success\",\"AccessKeyId\":\"STS.uriKey\",\"AccessKeySecret\":\"" + secret + "\",\"SecurityToken\":\"" + token +
                    "\",\"Expiration\":\"" + DateTime.UtcNow.AddSeconds(3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") + "\"}")
                : ScriptedResponse.Json(500, "{\"Code\":\"InternalError\"}")))
            using (var home = new TempHome())
            using (var env = new EnvironmentScope(home.Env))
            using (var ps = new PowerShellSession())
            {
                env.Set(CredentialVariables.CredentialsUri, uri.BaseAddress.ToString());
                PSResult r = ps.Run("$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10000; [System.Threading.Thread]::Sleep(2000); Get-DIWorkspace -ProjectId 10000; 'after'",
                    new System.Collections.Generic.Dictionary<string, object> { ["endpoint"] = home.Emulator.BaseAddress.ToString() });
                Assert.Null(r.Terminating);
                Assert.Equal("after", r.Output.Last().ToString());
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.StartsWith("DataWorksDI.Credentials.", e.FullyQualifiedErrorId);
                Assert.Equal(10000L, e.TargetObject);
                Assert.True(uri.Requests.Count >= 2, "the refresh was not attempted");
            }
        }
    }
}
