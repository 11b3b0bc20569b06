using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Client;
using DataWorksDI.Cmdlets;
using DataWorksDI.Tests.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// The error records that need a C#-level harness: a connection dropped by a scripted server, and the record built from
    /// an internal exception. The bounds and checks a user meets before anything is sent (issue 11 item 7) are specified in
    /// tests/Pester/Errors.Tests.ps1 ('Arguments refused before any call').
    /// </summary>
    public class ArgumentBoundsTests
    {
        /// <summary>A SubmitFile whose answer is lost: the record's message and ErrorDetails say it may or may not have been applied, and name the read that tells.</summary>
        [Fact]
        public void AWriteWhoseAnswerWasLost_SaysItMayOrMayNotHaveBeenApplied_AndNamesTheCmdletThatTells()
        {
            using (var server = ScriptedHttpServer.Sequence(new ScriptedResponse { Drop = true }))
            using (var ps = new PowerShellSession())
            {
                var vars = new Dictionary<string, object> { ["endpoint"] = server.BaseAddress.ToString(), ["secret"] = ClientTestKit.Secret };
                PSResult r = ps.Run("$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 1 -AccessKeyId LTAItest -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -MaxAttempts 3\n" +
                    "Submit-DIFile -FileId 42 -Confirm:$false", vars);
                ErrorRecord e = Assert.Single(r.Errors);
                // A write without a token is never replayed blindly: the workflow reads whether it took effect (here the reads
                // fail too, so it cannot tell) and sends it again only when the reads say it did not.
                Assert.Single(server.Requests, q => q.Header("x-acs-action") == "SubmitFile");
                Assert.Contains("may or may not have been applied", e.Exception.Message);
                Assert.Contains("may or may not have been applied", e.ErrorDetails.Message);
                Assert.Contains("Get-DIDeployment", e.ErrorDetails.RecommendedAction);
                Assert.Contains("Get-DIFile -FileId 42", e.ErrorDetails.RecommendedAction);
                Assert.True(((DataWorksServiceException)e.Exception).OutcomeUnknown);
            }
        }

        [Fact]
        public void ASpentCallBudget_IsLimitsExceeded()
        {
            var spent = new CallBudgetExhaustedException("GetFile", "not sent: the budget is spent.", 10, 10, DateTimeOffset.UtcNow.AddHours(2));
            ErrorRecord record = ErrorRecords.FromService(spent, null);
            Assert.Equal(ErrorCategory.LimitsExceeded, record.CategoryInfo.Category);
            Assert.Equal("DataWorksDI.CallBudgetExhausted", record.FullyQualifiedErrorId);
            Assert.Contains("-DailyCallBudget", record.ErrorDetails.RecommendedAction);
        }
    }
}
