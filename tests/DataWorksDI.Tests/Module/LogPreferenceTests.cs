using System.Collections.Generic;
using System.Linq;
using DataWorksDI.Tests.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>
    /// The client's per-call lines are built only when the command would write them (issue 17: formatting and redacting
    /// them for nobody cost a cmdlet call); whoever asks for them by any of the engine's ways still gets them.
    /// </summary>
    public class LogPreferenceTests
    {
        private const string Project = "{\"RequestId\":\"R1\",\"Success\":true,\"Data\":{\"ProjectId\":10000,\"ProjectIdentifier\":\"demo\",\"ProjectMode\":3,\"EnvTypes\":[\"DEV\",\"PROD\"]}}";

        private static PSResult Run(string call)
        {
            using (var server = ScriptedHttpServer.Sequence(Enumerable.Repeat(0, 4).Select(_ => ScriptedResponse.Ok(Project)).ToArray()))
            using (var ps = new PowerShellSession())
            {
                var vars = new Dictionary<string, object>
                {
                    ["endpoint"] = server.BaseAddress.ToString(),
                    ["keyId"] = ClientTestKit.UniqueKeyId(),
                    ["plainSecret"] = ClientTestKit.Secret,
                };
                PSResult r = ps.Run(@"
                    $secret = [System.Net.NetworkCredential]::new('', $plainSecret).SecurePassword
                    $null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10000 -AccessKeyId $keyId -AccessKeySecret $secret
                    " + call, vars);
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                Assert.NotEmpty(server.Requests);
                return r;
            }
        }

        private static bool HasCallLine(IEnumerable<System.Management.Automation.InformationalRecord> records) =>
            records.Any(d => d.Message.StartsWith("GetProject → POST", System.StringComparison.Ordinal));

        [Fact]
        public void DebugParameter_ShowsTheClientsCallLines() =>
            Assert.True(HasCallLine(Run("$null = Get-DIWorkspace -ProjectId 10000 -Debug").Debug));

        [Fact]
        public void DebugPreference_ShowsTheClientsCallLines() =>
            Assert.True(HasCallLine(Run("$DebugPreference = 'Continue'; $null = Get-DIWorkspace -ProjectId 10000").Debug));

        [Fact]
        public void DebugPreferenceSetInAFunctionAsAString_ShowsTheClientsCallLines() =>
            Assert.True(HasCallLine(Run("function f { $DebugPreference = 'Continue'; $null = Get-DIWorkspace -ProjectId 10000 }; f").Debug));

        [Fact]
        public void DebugFalse_OverridesThePreference() =>
            Assert.False(HasCallLine(Run("$DebugPreference = 'Continue'; $null = Get-DIWorkspace -ProjectId 10000 -Debug:$false").Debug));

        [Fact]
        public void NoPreference_WritesNoLine()
        {
            PSResult r = Run("$null = Get-DIWorkspace -ProjectId 10000");
            Assert.Empty(r.Debug);
            Assert.Empty(r.Verbose);
        }
    }
}
