using System.Collections.Generic;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>-WhatIf on every mutating cmdlet sends nothing: the emulator's request log for the key proves it.</summary>
    public class WhatIfTests
    {
        [Theory]
        [InlineData("New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content -WhatIf")]
        [InlineData("Set-DISyncTask -FileId $fileId -Content $content -WhatIf")]
        [InlineData("Set-DIFileSchedule -FileId $fileId -Cron '00 10 06 * * ?' -CycleType DAY -WhatIf")]
        [InlineData("Submit-DIFile -FileId $fileId -Wait -WhatIf")]
        [InlineData("Publish-DIFile -FileId $fileId -Wait -WhatIf")]
        [InlineData("Remove-DIFile -FileId $fileId -Publish -WhatIf")]
        [InlineData("Invoke-DIApi SubmitFile @{ ProjectId = 181565; FileId = $fileId } -WhatIf")]
        [InlineData("Get-DIFile -FileId $fileId | Set-DIFileSchedule -Stop -WhatIf")]
        public void WhatIf_SendsNothing(string command)
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult setup = s.Run("(New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content).FileId");
                long fileId = (long)setup.Output[0].BaseObject;
                bool readsFirst = command.StartsWith("Get-DIFile");
                int before = s.CallCount() + (readsFirst ? 1 : 0);

                PSResult r = s.Run(command, new Dictionary<string, object> { ["fileId"] = fileId });
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.Empty(r.Output);
                Assert.Equal(before, s.CallCount());
            }
        }

        [Fact]
        public void ConnectWhatIf_LeavesTheSessionAsItWas()
        {
            using (var s = new EmulatorSession(181565, connect: false))
            {
                PSResult r = s.Run("Connect-DIWorkspace -Endpoint $endpoint -ProjectId 1 -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -WhatIf; Get-DIContext");
                Assert.Empty(r.Output);
                Assert.Empty(r.Errors);
            }
        }
        [Theory]
        [InlineData("Remove-DIFile -FileId $fileId")]
        [InlineData("Unpublish-DISyncTask -FileId $fileId")]
        public void HighImpactCmdlets_InAHostThatCannotPrompt_FailAtOnce_AndSendNothing(string command)
        {
            // A runbook host has no one to answer a confirmation: the cmdlet must fail fast, never wait for input.
            using (var s = new EmulatorSession(181565))
            {
                PSResult setup = s.Run("(New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content).FileId");
                long fileId = (long)setup.Output[0].BaseObject;
                int before = s.CallCount();
                var watch = System.Diagnostics.Stopwatch.StartNew();
                PSResult r = s.Run(command, new Dictionary<string, object> { ["fileId"] = fileId });
                Assert.True(watch.Elapsed < System.TimeSpan.FromSeconds(30));
                Assert.True(r.Errors.Count > 0 || r.Terminating != null, "no error: the confirmation was silently skipped");
                Assert.Equal(before, s.CallCount());
            }
        }
    }
}
