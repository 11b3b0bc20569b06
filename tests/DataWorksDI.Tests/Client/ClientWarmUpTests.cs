using System.Collections.Generic;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>
    /// The rehearsal of the first call that Connect-DIWorkspace starts (Client/ClientWarmUp, issue 17): it goes through the
    /// real client path, and nothing of it reaches the network.
    /// </summary>
    public class ClientWarmUpTests
    {
        [Fact]
        public async Task TheRehearsal_GoesThroughTheRealCallPath_AnsweredInMemory()
        {
            Assert.True(await ClientWarmUp.RunAsync());
        }

        [Fact]
        public async Task Connecting_StartsTheRehearsal_AndNothingOfItReachesTheEndpoint()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Ok()))
            using (var session = new PowerShellSession())
            {
                PSResult r = session.Run("$s = [System.Net.NetworkCredential]::new('', 'x-secret').SecurePassword; Connect-DIWorkspace -Endpoint $endpoint -ProjectId 1 -AccessKeyId id -AccessKeySecret $s | Out-Null",
                    new Dictionary<string, object> { ["endpoint"] = server.BaseAddress.ToString() });
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.True(await ClientWarmUp.Completion);
                Assert.Empty(server.Requests);
            }
        }
    }
}
