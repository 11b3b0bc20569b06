using System.Linq;
using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// A successful wait reports progress (the hosted runspace collects the progress stream). The terminal states (failed,
    /// rejected, check failed, skipped checks, timed out) are specified in tests/Pester/Wait-DIDeployment.Tests.ps1.
    /// </summary>
    public class DeploymentWaitTests
    {
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
                // The activity names what is waited for (kept from the timed-out wait, whose other assertions moved to Pester).
                Assert.Contains(r.Progress, p => p.Activity.Contains("Waiting for submit deployment"));
                Assert.Contains(r.Progress, p => p.RecordType == ProgressRecordType.Completed);
            }
        }
    }
}
