using System.Linq;
using System.Management.Automation;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>Progress says what is known: a real percentage where the end is known, the state and the time spent where it is not.</summary>
    public class ProgressTests
    {
        [Fact]
        public void AWait_ShowsItsStateAndTheTimeSpent_NeverAPercentageOfTheTimeout()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -Content $content | Submit-DIFile -Wait -PollInterval 0.1 -Timeout 3600 | Out-Null");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                ProgressRecord[] waiting = r.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToArray();
                Assert.NotEmpty(waiting);
                Assert.All(waiting, p =>
                {
                    Assert.Equal(-1, p.PercentComplete);
                    Assert.Contains("elapsed (gives up after 60 min 00 s, -Timeout)", p.StatusDescription);
                });
                // The state as read: pending, or already succeeded when the first read comes as late as packages like it took
                // to finish before (DeploymentDurations).
                Assert.Matches("^(pending|succeeded)", waiting[0].StatusDescription);
                Assert.Equal(ProgressRecordType.Completed, r.Progress.Last().RecordType);
            }
        }

        [Fact]
        public void AListingLongerThanAPage_ShowsARealPercentage_AndIsCompleted()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult setup = s.Run("1..5 | ForEach-Object { New-DISyncTask -Name ($name + '_' + $_) -FolderPath $folder -Content $content -SkipValidation } | Out-Null; $global:n = $name");
                Assert.True(setup.Errors.Count == 0, setup.ErrorText);
                PSResult r = s.Run("Get-DIFile -Keyword $global:n -PageSize 2 | Out-Null");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                ProgressRecord[] bar = r.Progress.ToArray();
                Assert.NotEmpty(bar);
                Assert.Contains(bar, p => p.RecordType == ProgressRecordType.Processing && p.PercentComplete == 40 && p.StatusDescription == "2 of 5 written");
                Assert.Equal(ProgressRecordType.Completed, bar.Last().RecordType);
                Assert.Single(bar.Select(p => p.ActivityId).Distinct());

                // One page: no bar at all.
                Assert.Empty(s.Run("Get-DIFile -Keyword $global:n -PageSize 10 | Out-Null").Progress);
            }
        }
    }
}
