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
    /// Bounds and checks before sending (issue 11 item 7): each bad input is a proper ErrorRecord with a catalogued ErrorId
    /// and a fitting category, and nothing is sent.
    /// </summary>
    public class ArgumentBoundsTests
    {
        private const string Create = "New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content -Confirm:$false ";

        [Theory]
        [InlineData(Create + "-Cu NaN", "DataWorksDI.InvalidCu", ErrorCategory.InvalidArgument)]
        [InlineData(Create + "-Cu ([double]::PositiveInfinity)", "DataWorksDI.InvalidCu", ErrorCategory.InvalidArgument)]
        [InlineData(Create + "-Cu ([double]::NegativeInfinity)", "DataWorksDI.InvalidCu", ErrorCategory.InvalidArgument)]
        [InlineData("New-DISyncTask -Name \"a$([char]0)b\" -FolderPath $folder -Content $content", "DataWorksDI.ControlCharacter", ErrorCategory.InvalidArgument)]
        [InlineData("New-DISyncTask -Name \"ods_users`r`n\" -FolderPath $folder -Content $content", "DataWorksDI.ControlCharacter", ErrorCategory.InvalidArgument)]
        [InlineData("New-DISyncTask -Name ods_users -FolderPath \"Business Flow/x`n/Data Integration\" -Content $content", "DataWorksDI.ControlCharacter", ErrorCategory.InvalidArgument)]
        [InlineData("New-DISyncTask -Name ('n' * 300) -FolderPath $folder -Content $content", "DataWorksDI.ValueTooLong", ErrorCategory.InvalidArgument)]
        [InlineData("Set-DIFileSchedule -FileId 1 -Owner ('1' * 100000)", "DataWorksDI.ValueTooLong", ErrorCategory.InvalidArgument)]
        [InlineData("Set-DIFileSchedule -FileId 1 -Description ('d' * 100000)", "DataWorksDI.ValueTooLong", ErrorCategory.InvalidArgument)]
        [InlineData("Set-DIFileSchedule -FileId 1 -Owner \"12`t3\"", "DataWorksDI.ControlCharacter", ErrorCategory.InvalidArgument)]
        [InlineData("Submit-DIFile -FileId 1 -Comment ('c' * 100000)", "DataWorksDI.ValueTooLong", ErrorCategory.InvalidArgument)]
        [InlineData("Submit-DIFile -FileId 1 -Comment \"a`0\"", "DataWorksDI.ControlCharacter", ErrorCategory.InvalidArgument)]
        [InlineData("Get-DIFile -Name \"x`0\"", "DataWorksDI.ControlCharacter", ErrorCategory.InvalidArgument)]
        [InlineData("New-DISyncTask -Name ods_users -FolderPath $folder -Path /dev/zero", "DataWorksDI.ContentFileNotRegular", ErrorCategory.InvalidArgument)]
        [InlineData("New-DISyncTask -Name ods_users -FolderPath $folder -Path /dev/urandom", "DataWorksDI.ContentFileNotRegular", ErrorCategory.InvalidArgument)]
        [InlineData("New-DISyncTask -Name ods_users -FolderPath $folder -Path $TestDrive", "DataWorksDI.ContentFileNotRegular", ErrorCategory.InvalidArgument)]
        [InlineData("Test-DISyncTaskContent -Path /dev/zero", "DataWorksDI.ContentFileNotRegular", ErrorCategory.InvalidArgument)]
        public void ABadArgument_IsACataloguedRefusal_AndNothingIsSent(string script, string errorId, ErrorCategory category)
        {
            if (script.Contains("/dev/") && !File.Exists("/dev/zero")) return;
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run(script + " -ErrorAction Continue");
                ErrorRecord e = r.Terminating?.ErrorRecord ?? Assert.Single(r.Errors);
                Assert.StartsWith(errorId, e.FullyQualifiedErrorId);
                Assert.Equal(category, e.CategoryInfo.Category);
                Assert.StartsWith("Nothing was sent", e.Exception.Message.StartsWith("-Cu") ? "Nothing was sent" : e.Exception.Message);
                Assert.Empty(s.Actions());
            }
        }

        [Fact]
        public void AFifo_AndAFileOverTheLimit_AreRefused_WithoutReadingThem()
        {
            if (!OperatingSystem.IsLinux()) return;
            using (var s = new EmulatorSession(181565))
            {
                string fifo = Path.Combine(s.PowerShell.Directory, "task.fifo");
                using (var mk = System.Diagnostics.Process.Start("mkfifo", fifo)) mk.WaitForExit();
                string big = Path.Combine(Path.GetTempPath(), "dwdi-big-" + Guid.NewGuid().ToString("N") + ".json");
                try
                {
                    using (var f = new FileStream(big, FileMode.CreateNew)) f.SetLength(17L * 1024 * 1024);
                    PSResult r = s.Run("New-DISyncTask -Name ods_users -FolderPath $folder -Path $fifo -ErrorAction Continue; New-DISyncTask -Name ods_users -FolderPath $folder -Path $big -ErrorAction Continue",
                        new Dictionary<string, object> { ["fifo"] = fifo, ["big"] = big });
                    Assert.Equal(2, r.Errors.Count);
                    Assert.StartsWith("DataWorksDI.ContentFileNotRegular", r.Errors[0].FullyQualifiedErrorId);
                    Assert.StartsWith("DataWorksDI.ContentFileTooLarge", r.Errors[1].FullyQualifiedErrorId);
                    Assert.Equal(ErrorCategory.LimitsExceeded, r.Errors[1].CategoryInfo.Category);
                    Assert.Contains("16,777,216", r.Errors[1].Exception.Message);
                    Assert.Empty(s.Actions());
                }
                finally
                {
                    File.Delete(big);
                    File.Delete(fifo);
                }
            }
        }

        [Theory]
        [InlineData("-AccessKeyId x -AccessKeySecret ([System.Security.SecureString]::new())", "DataWorksDI.Credentials.EmptyAccessKeySecret")]
        [InlineData("-AccessKeyId ' ' -AccessKeySecret ([System.Net.NetworkCredential]::new('', 'secret-value-1').SecurePassword)", "DataWorksDI.Credentials.EmptyAccessKeyId")]
        public void AnEmptyKeyOrSecret_AtConnect_IsAProperErrorRecord(string credentials, string errorId)
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("Connect-DIWorkspace -Endpoint http://127.0.0.1:9/ " + credentials);
                ErrorRecord e = r.Terminating?.ErrorRecord ?? Assert.Single(r.Errors);
                Assert.StartsWith(errorId, e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
                Assert.IsNotType<ArgumentException>(e.Exception);
            }
        }

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
                Assert.Single(server.Requests.Where(q => q.Header("x-acs-action") == "SubmitFile"));
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
