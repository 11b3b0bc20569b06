using System.Collections.Generic;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>What a runbook host without a user does with a confirmation (the -WhatIf cases are in tests/Pester/WhatIf.Tests.ps1).</summary>
    public class WhatIfTests
    {
        // -WhatIf sending nothing, for every cmdlet that supports it, and Connect-DIWorkspace -WhatIf leaving the session as
        // it was, are specified where a user reads them: tests/Pester/WhatIf.Tests.ps1 (moved there from here, issue 13).

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
