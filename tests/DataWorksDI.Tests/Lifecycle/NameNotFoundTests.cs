using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// A name without wildcards that matches nothing is a non-terminating ObjectNotFound error, as Get-Item and
    /// Get-Process -Name do (issue 11 item 6); a wildcard name that matches nothing is simply no output.
    /// </summary>
    public class NameNotFoundTests
    {
        [Fact]
        public void GetDIFile_Name_ExactMissing_IsObjectNotFound_WildcardsMatchHere_AndTheNextItemStillRuns()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run(@"
$null = 1..3 | ForEach-Object { New-DISyncTask -Name ""${name}_$_"" -FolderPath $folder -ResourceGroup $group -Content $content }
Get-DIFile -Name ""${name}_9""
'after'
@(Get-DIFile -Name ""${name}_[12]"" | ForEach-Object FileName | Sort-Object) -join ','
@(Get-DIFile -Name ""${name}_*"").Count
@(Get-DIFile -Name ""${name}_?9*"").Count
(Get-DIFile -Name ""${name}_2"").FileName");
                Assert.True(r.Terminating == null, r.ErrorText);
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.StartsWith("DataWorksDI.FileNotFound", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
                Assert.Contains("_9'", e.Exception.Message);
                Assert.Equal(new[] { "after", $"{Name(r)}_1,{Name(r)}_2", "3", "0", $"{Name(r)}_2" }, r.Output.Select(o => o.ToString()).ToArray());
            }
        }

        private static string Name(PSResult r) => r.Output[1].ToString().Split(',')[0].Replace("_1", string.Empty);

        [Fact]
        public void RemoveExample_WithATypo_Fails_AndRemovesNothing()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult setup = s.Run("(New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content).FileName");
                string name = setup.Output.Single().ToString();
                PSResult r = s.Run($"& '{Path.Combine(RepoPaths.Root, "examples", "02-remove-sync-task.ps1")}' -Endpoint $endpoint -ProjectId 181565 -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -TaskName '{name}z' -PollIntervalSec 0.1 -Confirm:$false");
                ErrorRecord e = r.Terminating?.ErrorRecord ?? r.Errors.FirstOrDefault();
                Assert.NotNull(e);
                Assert.StartsWith("DataWorksDI.FileNotFound", e.FullyQualifiedErrorId);
                Assert.DoesNotContain("DeleteFile", s.Actions());
            }
        }
    }
}
