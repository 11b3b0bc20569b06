using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Tests.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// Invoke-DIApi (issue 11 item 2): an action the module does not know is a write and is never replayed after a 5xx.
    /// This needs a scripted server: the emulator answers an action it does not serve with 404 before any fault it injects.
    /// Reserved parameter names, ShouldProcess and -ReadOnly are specified in tests/Pester/Invoke-DIApi.Tests.ps1.
    /// </summary>
    public class InvokeDIApiTests
    {
        /// <summary>An unknown write is never replayed after a 503 (it may have been applied); the same action with -ReadOnly is retried.</summary>
        [Fact]
        public void AnUnknownWrite_IsNeverReplayed_ButAReadOnlyOneIs()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Error(503, "ServiceUnavailable")))
            using (var ps = new PowerShellSession())
            {
                var vars = new Dictionary<string, object> { ["endpoint"] = server.BaseAddress.ToString(), ["secret"] = ClientTestKit.Secret };
                PSResult r = ps.Run("$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 1 -AccessKeyId LTAItest -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -MaxAttempts 3\n" +
                    "Invoke-DIApi -Action CreateWidget -Parameter @{ ProjectId = 1 } -Confirm:$false", vars);
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.Single(server.Requests);
                Assert.Contains("may or may not have been applied", e.Exception.Message);

                r = ps.Run("Invoke-DIApi -Action DescribeWidget -Parameter @{ ProjectId = 1 } -ReadOnly", vars);
                Assert.Single(r.Errors);
                Assert.Equal(1 + 3, server.Requests.Count);
            }
        }
    }
}
