using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// One listing convention and one pager for every Get-*: without an id a Get- cmdlet lists, page by page, and the next
    /// page is fetched only when the pipeline asks for more (counted in the emulator's request log).
    /// </summary>
    public class ListingTests
    {
        private static int Count(EmulatorSession s, string action) => s.Actions().Count(a => a == action);

        [Fact]
        public void SelectFirst_StopsThePaging_GetDIFile_PageSize2_First3_MakesExactlyTwoListCalls()
        {
            using (var s = new EmulatorSession(181565))
            {
                string prefix = EmulatorSession.UniqueName("lazy");
                PSResult setup = s.Run(@"1..7 | ForEach-Object { $null = New-DISyncTask -Name ""${prefix}_$_"" -FolderPath $folder -Content $content }",
                    new Dictionary<string, object> { ["prefix"] = prefix });
                Assert.True(setup.Errors.Count == 0, setup.ErrorText);
                int before = Count(s, "ListFiles");

                PSResult r = s.Run("Get-DIFile -Keyword $prefix -PageSize 2 | Select-Object -First 3", new Dictionary<string, object> { ["prefix"] = prefix });
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                Assert.Equal(3, r.Output.Count);
                Assert.Equal(2, Count(s, "ListFiles") - before);

                // Read to the end, the same listing takes ceil(7 / 2) = 4 calls, and the last page ends it.
                r = s.Run("(Get-DIFile -Keyword $prefix -PageSize 2).Count", new Dictionary<string, object> { ["prefix"] = prefix });
                Assert.Equal(7, (int)r.Output.Single().BaseObject);
                Assert.Equal(2 + 4, Count(s, "ListFiles") - before);
            }
        }

        [Fact]
        public void GetDIDeployment_WithoutAnId_Lists_OnDemand_AndListIsAnAcceptedNoOp()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult setup = s.Run("1..3 | ForEach-Object { New-DISyncTask -Name \"$name$_\" -FolderPath $folder -Content $content | Submit-DIFile } | Out-Null");
                Assert.True(setup.Errors.Count == 0, setup.ErrorText);
                int before = Count(s, "ListDeployments");

                PSResult r = s.Run("Get-DIDeployment -PageSize 1 | Select-Object -First 1; (Get-DIDeployment).Count -ge 3; (Get-DIDeployment -List).Count -ge 3");
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.IsType<DIDeployment>(r.Output[0].BaseObject);
                Assert.True((bool)r.Output[1].BaseObject);
                Assert.True((bool)r.Output[2].BaseObject);
                // First: one page of one package, then no more calls; then two full listings (one page each, PageSize 100).
                Assert.Equal(1 + 1 + 1, Count(s, "ListDeployments") - before);
            }
        }

        [Fact]
        public void GetDIWorkspace_WithoutProjectId_Lists_WithOneReads_AndPipedWorkspacesAreReadOneByOne()
        {
            using (var s = new EmulatorSession(10000))
            {
                PSResult r = s.Run(@"
                    $all = Get-DIWorkspace
                    $all.Count -ge 6
                    (Get-DIWorkspace -List).Count -eq $all.Count
                    (Get-DIWorkspace -ProjectId 10001).Mode
                    ($all | Where-Object ProjectId -in 10000, 10001 | Get-DIWorkspace | Sort-Object ProjectId | ForEach-Object Mode) -join ','
                    Get-DIWorkspace -PageSize 2 | Select-Object -First 1 | ForEach-Object { $_.GetType().Name }");
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.True((bool)r.Output[0].BaseObject);
                Assert.True((bool)r.Output[1].BaseObject);
                Assert.Equal("Basic", r.Output[2].ToString());
                Assert.Equal("Standard,Basic", r.Output[3].ToString());
                Assert.Equal("DIWorkspace", r.Output[4].ToString());
                List<string> actions = s.Actions();
                Assert.Equal(2 + 1, actions.Count(a => a == "ListProjects"));
                // ListProjects gives no mode: the first listing reads each workspace's once (GetProject), later listings
                // none; -ProjectId and piped workspaces are read as asked (three more).
                int listed = (int)s.Run("(Get-DIWorkspace -List | Where-Object Mode -ne 'Unknown').Count").Output[0].BaseObject;
                Assert.True(listed >= 6);
                Assert.Equal(listed + 3, actions.Count(a => a == "GetProject"));
            }
        }

        [Fact]
        public void ARecordNeverWidensIntoAListing_PipedObjectsWithoutADeploymentIdListNothing()
        {
            using (var s = new EmulatorSession(181565))
            {
                // The listing set takes no pipeline input: a workspace (only a ProjectId) cannot select it, so PowerShell's
                // binder refuses it for want of a DeploymentId — not every package of the workspace.
                PSResult r = s.Run("Get-DIWorkspace -ProjectId 181565 | Get-DIDeployment -ErrorAction Continue; 'after'");
                Assert.Equal("after", r.Output.Last().ToString());
                ErrorRecord e = Assert.Single(r.Errors);
                Assert.StartsWith("InputObjectMissingMandatory", e.FullyQualifiedErrorId);
                Assert.Contains("DeploymentId", e.Exception.Message);
                // A file binds -FileId of the ById set, so PowerShell itself refuses it for want of a DeploymentId.
                r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -Content $content | Get-DIFile | Get-DIDeployment -ErrorAction Continue; 'after'");
                Assert.Equal("after", r.Output.Last().ToString());
                Assert.Single(r.Errors);
                Assert.DoesNotContain("ListDeployments", s.Actions());
            }
        }
    }
}
