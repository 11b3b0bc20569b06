using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>Per-item failures are non-terminating, with the API code as ErrorId, the RequestId in the message and the item as target.</summary>
    public class ErrorReportingTests
    {
        [Fact]
        public void BadItems_DoNotStopThePipeline_AndCarryCodeRequestIdAndTarget()
        {
            using (var s = new EmulatorSession(181565))
            {
                string dup = EmulatorSession.UniqueName("dup");
                PSResult r = s.Run(@"
                    $null = New-DISyncTask -Name $dup -FolderPath $folder -ResourceGroup $group -Content $content
                    @(
                        [pscustomobject]@{ Name = $dup; FolderPath = $folder },
                        [pscustomobject]@{ Name = $name; FolderPath = 'Workflow/no_such_flow/Data Integration' },
                        [pscustomobject]@{ Name = $name; FolderPath = $folder }
                    ) | New-DISyncTask -ResourceGroup $group -Content $content",
                    new Dictionary<string, object> { ["dup"] = dup });

                Assert.Single(r.Output);
                Assert.Equal(2, r.Errors.Count);

                ErrorRecord exists = r.Errors[0];
                Assert.StartsWith("Invalid.DI.Parameter.File.Existed,", exists.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.ResourceExists, exists.CategoryInfo.Category);
                Assert.Equal(dup, exists.TargetObject);
                Assert.Matches("RequestId: [0-9A-Fa-f-]{8,}", exists.Exception.Message);

                // The folder that does not exist is refused before anything is sent, naming what the workspace has.
                ErrorRecord path = r.Errors[1];
                Assert.StartsWith("DataWorksDI.UnknownFolder,", path.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.ObjectNotFound, path.CategoryInfo.Category);
                Assert.StartsWith("di_task_", Assert.IsType<string>(path.TargetObject));
                Assert.Contains("'Workflow/no_such_flow' is not a folder", path.Exception.Message);
            }
        }

        [Fact]
        public void MalformedContent_IsRefusedBeforeAnyCall()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -Content '{\"type\":\"job\",'");
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.StartsWith("DataWorksDI.InvalidContent.DI.Content.MalformedJson", e.FullyQualifiedErrorId);
                Assert.Equal(0, s.CallCount());
            }
        }

        [Fact]
        public void NoContext_IsATerminatingErrorThatSaysWhatToDo()
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("Get-DIFile -FileId 1");
                ErrorRecord e = r.Errors.Single();
                Assert.StartsWith("DataWorksDI.NoContext", e.FullyQualifiedErrorId);
                Assert.Contains("Connect-DIWorkspace", e.Exception.Message);
            }
        }

        [Fact]
        public void ContentIsSentExactlyAsWritten_FromAStringAndFromAFile()
        {
            using (var s = new EmulatorSession(181565))
            {
                string odd = EmulatorSession.SeedContent.Replace("{\"type\":\"job\"", "{ \"type\" : \"job\", \"extend\":{\"note\":\"kept \\u00e9 as written\"}");
                string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dwdi-content-" + System.Guid.NewGuid().ToString("N") + ".json");
                System.IO.File.WriteAllText(path, odd);
                PSResult r = s.Run("(New-DISyncTask -Name $name -FolderPath $folder -Content $odd | Get-DIFile).Content; (New-DISyncTask -Name ($name + '_f') -FolderPath $folder -Path $path | Get-DIFile).Content",
                    new Dictionary<string, object> { ["odd"] = odd, ["path"] = path });
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                Assert.Equal(odd, r.Output[0].ToString());
                Assert.Equal(odd, r.Output[1].ToString());
            }
        }
        [Fact]
        public void ACuThatIsNotAMultipleOfAHalf_IsRefusedBeforeAnyCall_ForBatchAndRealtime()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -Content $content -Cu 0.3; Set-DISyncTask -FileId 1 -Table t1 -Cu 1.25; Set-DISyncTask -FileId 1 -ResourceGroup $group -Cu -1");
                Assert.Equal(3, r.Errors.Count);
                Assert.All(r.Errors, e => Assert.StartsWith("DataWorksDI.InvalidCu", e.FullyQualifiedErrorId));
                Assert.Contains("multiple of 0.5", r.Errors[0].Exception.Message);
                Assert.Equal(0, s.CallCount());
            }
        }
    }
}
