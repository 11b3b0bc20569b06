using System.Linq;
using System.Management.Automation;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Tests.Lifecycle;
using Xunit;

namespace DataWorksDI.Tests.Catalog
{
    /// <summary>
    /// The commonest typos are refused before a write is sent, with the closest names, and cost nothing beyond the cached
    /// reads of the workspace catalogue (each list once per context): the emulator's request log of the session's own key
    /// shows exactly which calls were made.
    /// </summary>
    public class WorkspaceCheckTests
    {
        private const string GoodFolder = "Workflow/new_biz/Data Integration";

        private static ErrorRecord Single(PSResult r)
        {
            Assert.Null(r.Terminating);
            Assert.Empty(r.Output);
            return Assert.Single(r.Errors);
        }

        private static string Id(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        [Fact]
        public void MisspeltFolder_IsRefusedLocally_NamingTheClosestFolder_AfterOneListFolders()
        {
            using (var s = new EmulatorSession())
            {
                ErrorRecord e = Single(s.Run("New-DISyncTask -Name $name -FolderPath 'Workflow/new_biz/Data Integraton' -Content $content"));
                Assert.Equal("DataWorksDI.UnknownFolder", Id(e));
                Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
                Assert.Contains("did you mean 'Workflow/new_biz/Data Integration'?", e.Exception.Message);
                Assert.Contains("-FolderPath 'Workflow/new_biz/Data Integration'", e.ErrorDetails.RecommendedAction);
                Assert.Equal(new[] { "ListFolders" }, s.Actions());

                // A second typo under the same folder costs nothing: the list is cached for the context.
                e = Single(s.Run("New-DISyncTask -Name $name -FolderPath 'Workflow/new_biz/data integration' -Content $content"));
                Assert.Contains("did you mean 'Workflow/new_biz/Data Integration'?", e.Exception.Message);
                Assert.Equal(new[] { "ListFolders" }, s.Actions());
            }
        }

        [Fact]
        public void MisspeltWorkflow_WalksUp_AndSuggestsTheWholePathUnderTheRightWorkflow()
        {
            using (var s = new EmulatorSession())
            {
                ErrorRecord e = Single(s.Run("New-DISyncTask -Name $name -FolderPath 'Workflow/new_bz/Data Integration' -Content $content"));
                Assert.Equal("DataWorksDI.UnknownFolder", Id(e));
                Assert.Contains("('Workflow/new_bz' is not a folder)", e.Exception.Message);
                Assert.Contains("did you mean 'Workflow/new_biz/Data Integration'?", e.Exception.Message);
                Assert.Equal(new[] { "ListFolders", "ListFolders" }, s.Actions());
            }
        }

        [Fact]
        public void NonDataIntegrationFolder_IsRefused_SuggestingTheWorkflowsDataIntegrationFolder()
        {
            using (var s = new EmulatorSession())
            {
                ErrorRecord e = Single(s.Run("New-DISyncTask -Name $name -FolderPath 'Workflow/new_biz/MaxCompute' -Content $content"));
                Assert.Equal("DataWorksDI.NotADataIntegrationFolder", Id(e));
                Assert.Contains("did you mean 'Workflow/new_biz/Data Integration'?", e.Exception.Message);
                Assert.Equal(new[] { "ListFolders" }, s.Actions()); // the parent is the workflow folder: one list serves both
            }
        }

        [Fact]
        public void MisspeltResourceGroup_IsRefused_WithTheClosestIdentifiers_AndTheUsableOnes()
        {
            using (var s = new EmulatorSession())
            {
                ErrorRecord e = Single(s.Run("New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup S_res_group_XX -Content $content"));
                Assert.Equal("DataWorksDI.UnknownResourceGroup", Id(e));
                Assert.Contains("did you mean 'S_res_group_XXX' or 'S_res_group_XXX_XXXX'?", e.Exception.Message);
                Assert.Contains("Use one of:", e.ErrorDetails.RecommendedAction);
                Assert.DoesNotContain("S_res_group_expired_di", e.ErrorDetails.RecommendedAction);
                Assert.Equal(new[] { "ListFolders", "ListResourceGroups" }, s.Actions());

                // Set-DISyncTask checks the same list, already read: no call at all.
                int before = s.CallCount();
                e = Single(s.Run("Set-DISyncTask -FileId 1 -ResourceGroup S_res_group_XXY"));
                Assert.Equal("DataWorksDI.UnknownResourceGroup", Id(e));
                Assert.Equal(before, s.CallCount());
            }
        }

        [Fact]
        public void DisplayNameInsteadOfIdentifier_SuggestsTheIdentifier()
        {
            using (var s = new EmulatorSession())
            {
                ErrorRecord e = Single(s.Run("New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup di_exclusive_group -Content $content"));
                Assert.Contains("did you mean 'S_res_group_280749521950784_1602767279794'", e.Exception.Message);
            }
        }

        [Fact]
        public void StoppedResourceGroup_IsRefused_NamingItsStatus_AndTheUsableOnes()
        {
            using (var s = new EmulatorSession())
            {
                ErrorRecord e = Single(s.Run("New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup S_res_group_expired_di -Content $content"));
                Assert.Equal("DataWorksDI.StoppedResourceGroup", Id(e));
                Assert.Contains("is STOP, not NORMAL", e.Exception.Message);
                Assert.Contains("Use one of: ", e.ErrorDetails.RecommendedAction);
                Assert.DoesNotContain("CreateDISyncTask", s.Actions());
            }
        }

        [Fact]
        public void MisspeltDataSource_InTheContent_IsRefusedLocally_AsTestDISyncTaskContentWouldSay()
        {
            using (var s = new EmulatorSession())
            {
                string typo = SampleTasks.MinimalContent.Replace("mysql_pub", "mysql_pb");
                ErrorRecord e = Single(s.Run("New-DISyncTask -Name $name -FolderPath $folder -Content $typo", new System.Collections.Generic.Dictionary<string, object> { ["typo"] = typo }));
                Assert.Equal("DataWorksDI.InvalidContent.DI.Workspace.DataSourceUnknown", Id(e));
                Assert.Contains("did you mean 'mysql_pub'?", e.Exception.Message);
                Assert.Equal(new[] { "ListFolders", "ListDataSources" }, s.Actions());

                // Test-DISyncTaskContent reads the same cached list: the same finding, no further call.
                PSResult t = s.Run("Test-DISyncTaskContent -Content $typo", new System.Collections.Generic.Dictionary<string, object> { ["typo"] = typo });
                var result = Assert.IsType<DataWorksDI.Validation.TaskContentValidationResult>(t.Output[0].BaseObject);
                Assert.Contains(result.Findings, f => f.Code == "DI.Workspace.DataSourceUnknown" && f.Message.Contains("did you mean 'mysql_pub'?"));
                Assert.Equal(new[] { "ListFolders", "ListDataSources", "ListResourceGroups" }, s.Actions());
            }
        }

        [Fact]
        public void BatchFileIdGivenToARealtimeCmdlet_IsRefused_NamingTheClosestRealtimeTask()
        {
            using (var s = new EmulatorSession())
            {
                string name = EmulatorSession.UniqueName("orders");
                PSResult created = s.Run("$b = New-DISyncTask -Name $n -FolderPath $folder -Content $content; $r = New-DISyncTask -TaskType Realtime -Name ($n + '_rt') -FolderPath $folder -Content $request -PollInterval 0.2; $b.FileId; $r.FileId",
                    new System.Collections.Generic.Dictionary<string, object> { ["n"] = name, ["request"] = SampleTasks.RealtimeRequest() });
                Assert.True(created.Errors.Count == 0, created.ErrorText);
                long batch = (long)created.Output[0].BaseObject, realtime = (long)created.Output[1].BaseObject;

                int before = s.CallCount();
                foreach (string command in new[] { "Get-DISyncTask", "Get-DISyncInstance", "Start-DISyncInstance", "Stop-DISyncInstance", "Unpublish-DISyncTask -Confirm:$false" })
                {
                    ErrorRecord e = Single(s.Run($"{command} -FileId {batch}"));
                    Assert.Equal("DataWorksDI.NotARealtimeTask", Id(e));
                    Assert.Contains($"did you mean '{name}_rt' (file {realtime})?", e.Exception.Message);
                    Assert.Contains($"-FileId {realtime}", e.ErrorDetails.RecommendedAction);
                }
                // One ListFiles for all five (the catalogue's file list), nothing else.
                Assert.Equal(new[] { "ListFiles" }, s.Actions().Skip(before));

                // The real task passes the check and reaches the service; a piped file is checked by its type, with no list.
                Assert.Empty(s.Run($"Get-DISyncTask -FileId {realtime}").Errors);
                Assert.Equal(new[] { "ListFiles", "GetDISyncTask" }, s.Actions().Skip(before));
            }
        }

        [Fact]
        public void ServiceRefusal_OfAResourceGroup_HasItsOwnErrorId_TheUsableGroups_AndDropsTheStaleList()
        {
            using (var s = new EmulatorSession())
            {
                // Read the list (a check that passes), then send a typo anyway with -SkipValidation: the service refuses it.
                Assert.Empty(s.Run("$null = New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content").Errors);
                ErrorRecord e = Single(s.Run("New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup S_res_group_XXZ -Content $content -SkipValidation"));
                Assert.Equal("DataWorksDI.InvalidResourceGroup", Id(e));
                Assert.Contains("ResourceGroup:[S_res_group_XXZ] is invalid.", e.Exception.Message);
                Assert.Contains("RequestId", e.Exception.Message);
                Assert.Contains("did you mean 'S_res_group_XXX'", e.Exception.Message);
                Assert.Contains("Use one of:", e.ErrorDetails.RecommendedAction);
                Assert.IsType<DataWorksDI.Client.DataWorksServiceException>(e.Exception.InnerException);

                // The list proved out of date, so the next check reads it again.
                Assert.Equal(1, s.Actions().Count(a => a == "ListResourceGroups"));
                Assert.Single(s.Run("New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup S_res_group_XXZ -Content $content").Errors);
                Assert.Equal(2, s.Actions().Count(a => a == "ListResourceGroups"));
            }
        }

        [Fact]
        public void Refresh_DropsTheCatalogue_SoTheNextCheckReadsAgain()
        {
            using (var s = new EmulatorSession())
            {
                Assert.Single(s.Run("New-DISyncTask -Name $name -FolderPath 'Workflow/new_biz/Data Integraton' -Content $content").Errors);
                Assert.Single(s.Run("New-DISyncTask -Name $name -FolderPath 'Workflow/new_biz/Data Integraton' -Content $content").Errors);
                Assert.Equal(1, s.Actions().Count(a => a == "ListFolders"));
                Assert.Empty(s.Run("$null = Get-DIWorkspace -ProjectId $projectId -Refresh").Errors);
                Assert.Single(s.Run("New-DISyncTask -Name $name -FolderPath 'Workflow/new_biz/Data Integraton' -Content $content").Errors);
                Assert.Equal(2, s.Actions().Count(a => a == "ListFolders"));
            }
        }

        [Fact]
        public void SkipValidation_SendsWithoutReadingTheCatalogue()
        {
            using (var s = new EmulatorSession())
            {
                Assert.Empty(s.Run("$null = New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content -SkipValidation").Errors);
                Assert.Equal(new[] { "CreateDISyncTask" }, s.Actions());
            }
        }

        [Fact]
        public void SchedulingResourceGroupTypo_IsRefusedBySetDIFileSchedule_BeforeUpdateFile()
        {
            using (var s = new EmulatorSession())
            {
                Assert.Empty(s.Run("$t = New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content -SkipValidation").Errors);
                ErrorRecord e = Single(s.Run("$t | Set-DIFileSchedule -ResourceGroupIdentifier default_grup"));
                Assert.Equal("DataWorksDI.UnknownResourceGroup", Id(e));
                Assert.Contains("did you mean 'default_group'?", e.Exception.Message);
                Assert.DoesNotContain("UpdateFile", s.Actions());

                e = Single(s.Run("$t | Set-DIFileSchedule -FolderPath 'Workflow/new_biz/MaxCompute'"));
                Assert.Equal("DataWorksDI.NotADataIntegrationFolder", Id(e));
                Assert.DoesNotContain("UpdateFile", s.Actions());
            }
        }
    }
}
