using System;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>Every terminal state of a deployment is handled; a failure is an error with the service's message, never a time-out.</summary>
    public class DeploymentWaitTests
    {
        [Fact]
        public void FailedDeployment_IsAnError_FromPublishWait_AndFromWaitDIDeployment()
        {
            // The shared emulator fails production deployments of files named failprodme_* (its deploymentChecks).
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run(@"
                    $f = New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content | Submit-DIFile -Wait -PollInterval 0.1
                    $f | Publish-DIFile -Wait -PollInterval 0.1 -ErrorAction Continue -ErrorVariable e1
                    $d = $f | Publish-DIFile
                    $d | Wait-DIDeployment -PollInterval 0.1 -ErrorAction Continue -ErrorVariable e2
                    'after'",
                    new System.Collections.Generic.Dictionary<string, object> { ["name"] = EmulatorSession.UniqueName("failprodme") });
                Assert.Equal("after", r.Output.Last().ToString());
                Assert.Equal(2, r.Errors.Count);
                foreach (ErrorRecord e in r.Errors)
                {
                    Assert.StartsWith("DataWorksDI.DeploymentFailed", e.FullyQualifiedErrorId);
                    Assert.Contains("failprodme_*", e.Exception.Message);
                    Assert.DoesNotContain("timeout", e.Exception.Message, StringComparison.OrdinalIgnoreCase);
                    Assert.IsType<DIDeployment>(e.TargetObject);
                    Assert.Equal(ErrorCategory.InvalidResult, e.CategoryInfo.Category);
                }
            }
        }

        [Fact]
        public void WaitTimeout_IsReportedDistinctly()
        {
            using (var slow = EmulatorProcess.Start("--deployment-delay", "600s"))
            using (var s = new EmulatorSession(181565, slow))
            {
                PSResult r = s.Run(@"
                    $d = New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content | Submit-DIFile
                    $d | Wait-DIDeployment -Timeout 0.6 -PollInterval 0.1");
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.StartsWith("DataWorksDI.DeploymentWaitTimeout", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.OperationTimeout, e.CategoryInfo.Category);
                Assert.Contains("still pending", e.Exception.Message);
                Assert.Contains("Wait-DIDeployment -DeploymentId", e.Exception.Message);
                Assert.Contains(r.Progress, p => p.Activity.Contains("Waiting for submit deployment"));
            }
        }

        [Fact]
        public void SuccessfulWait_ReportsProgress_AndReturnsTheFinalState()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content | Submit-DIFile | Wait-DIDeployment -PollInterval 0.1");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                var d = (DIDeployment)r.Output.Single().BaseObject;
                Assert.True(d.IsSucceeded);
                Assert.True(d.FileId > 0);
                Assert.NotEmpty(r.Progress);
                Assert.Contains(r.Progress, p => p.RecordType == ProgressRecordType.Completed);
            }
        }
        [Theory]
        [InlineData("rejectme", "DataWorksDI.DeploymentRejected", "rejected")]
        [InlineData("checkfailme", "DataWorksDI.DeploymentCheckFailed", "pre-deployment check")]
        public void RejectedAndCheckFailedPackages_AreErrors_NotTimeouts(string prefix, string errorId, string words)
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content | Submit-DIFile -Wait -PollInterval 0.1 -Timeout 20",
                    new System.Collections.Generic.Dictionary<string, object> { ["name"] = EmulatorSession.UniqueName(prefix) });
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.StartsWith(errorId, e.FullyQualifiedErrorId);
                Assert.Contains(words, e.Exception.Message);
                Assert.Empty(r.Output);
            }
        }

        [Fact]
        public void SkipDeploymentChecks_BypassesTheCheckExtensions()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content | Submit-DIFile -SkipDeploymentChecks -Wait -PollInterval 0.1",
                    new System.Collections.Generic.Dictionary<string, object> { ["name"] = EmulatorSession.UniqueName("checkfailme") });
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                Assert.True(((DIDeployment)r.Output.Single().BaseObject).IsSucceeded);
            }
        }
    }
}
