using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Tests.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// Invoke-DIApi (issue 11 item 2): a read can never become a write — parameter names of the signature or the gateway
    /// are refused before anything is sent; any action name can be called; an action the module does not know is a write
    /// (ShouldProcess, never replayed) unless -ReadOnly; known reads need no -ReadOnly.
    /// </summary>
    public class InvokeDIApiTests
    {
        /// <summary>The case: a GetFile whose parameters carry Action=DeleteFile, with -WhatIf, on a V2 and a V3 context.</summary>
        [Theory]
        [InlineData("V2", "Action")]
        [InlineData("V3", "Action")]
        [InlineData("V2", "aCTION")]
        [InlineData("V2", "Version")]
        [InlineData("V3", "SignatureMethod")]
        [InlineData("V2", "x-acs-action")]
        [InlineData("V3", "SecurityToken")]
        [InlineData("V2", "Timestamp")]
        [InlineData("V3", "RegionId")]
        public void AReservedParameterName_IsARefusal_AndNothingIsSentOrDeleted(string version, string reserved)
        {
            using (var s = new EmulatorSession(181565, connect: false))
            {
                PSResult setup = s.Run("$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId $projectId -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -SignatureVersion $version\n" +
                    "(New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content).FileId",
                    new Dictionary<string, object> { ["version"] = version });
                Assert.True(setup.Errors.Count == 0 && setup.Terminating == null, setup.ErrorText);
                long fileId = (long)setup.Output.Single().BaseObject;
                int before = s.CallCount();

                foreach (string whatIf in new[] { "-WhatIf", "" })
                {
                    PSResult r = s.Run($"Invoke-DIApi -Action GetFile -Parameter @{{ ProjectId = $projectId; FileId = $fileId; '{reserved}' = 'DeleteFile' }} {whatIf}",
                        new Dictionary<string, object> { ["fileId"] = fileId });
                    ErrorRecord e = r.Terminating?.ErrorRecord ?? Assert.Single(r.Errors);
                    Assert.StartsWith("DataWorksDI.ReservedParameterName", e.FullyQualifiedErrorId);
                    Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
                    Assert.Equal(reserved, e.TargetObject);
                    Assert.Contains("Nothing was sent", e.Exception.Message);
                    Assert.Contains("'" + reserved + "'", e.Exception.Message);
                }
                Assert.Equal(before, s.CallCount());
                PSResult still = s.Run("(Get-DIFile -FileId $fileId).FileId", new Dictionary<string, object> { ["fileId"] = fileId });
                Assert.Equal(fileId, (long)still.Output.Single().BaseObject);
                Assert.DoesNotContain("DeleteFile", s.Actions());
            }
        }

        [Fact]
        public void AnyActionName_IsCalled_AnUnknownOneAsAWrite_AndKnownReadsNeedNoReadOnly()
        {
            using (var s = new EmulatorSession(181565))
            {
                // An unknown action asks ShouldProcess: -WhatIf sends nothing.
                PSResult r = s.Run("Invoke-DIApi -Action ListNodes -Parameter @{ ProjectId = $projectId } -WhatIf");
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.Empty(s.Actions());

                // Confirmed, it is sent as named (the emulator does not serve it and says so: the call did reach it).
                r = s.Run("Invoke-DIApi -Action ListNodes -Parameter @{ ProjectId = $projectId } -Confirm:$false -Verbose");
                Assert.Equal(new[] { "ListNodes" }, s.Actions());
                Assert.Contains(r.Verbose, v => v.Message.Contains("not an action this module knows") && v.Message.Contains("a write"));

                // -ReadOnly marks it a read: no ShouldProcess, so -WhatIf does not stop it.
                r = s.Run("Invoke-DIApi -Action ListNodes -Parameter @{ ProjectId = $projectId } -ReadOnly -WhatIf");
                Assert.Equal(new[] { "ListNodes", "ListNodes" }, s.Actions());

                // A known read needs no -ReadOnly and ignores -WhatIf; a known write with -ReadOnly is still a write.
                r = s.Run("(Invoke-DIApi GetProject @{ ProjectId = $projectId } -WhatIf).Data.ProjectId; Invoke-DIApi DeleteFile @{ ProjectId = $projectId; FileId = 1 } -ReadOnly -WhatIf");
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.Equal(s.ProjectId, System.Convert.ToInt64(r.Output.Single().BaseObject));
                Assert.Contains(r.Warnings, w => w.Message.Contains("DeleteFile is a write"));
                Assert.Equal(new[] { "ListNodes", "ListNodes", "GetProject" }, s.Actions());

                // Not an action name at all: a refusal naming the rule.
                r = s.Run("Invoke-DIApi -Action 'Get File;x' -Confirm:$false");
                ErrorRecord e = r.Terminating?.ErrorRecord ?? Assert.Single(r.Errors);
                Assert.StartsWith("DataWorksDI.InvalidActionName", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            }
        }

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
