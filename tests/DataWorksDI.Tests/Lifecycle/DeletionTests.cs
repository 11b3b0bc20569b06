using System.Collections.Generic;
using System.IO;
using System.Linq;
using DataWorksDI.Models;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>Deletion as DataWorks documents it, in both modes, with and without a deployment.</summary>
    public class DeletionTests
    {
        private const string CreateSubmitPublish =
            "$file = New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content | Submit-DIFile -Wait -PollInterval 0.1 | Publish-DIFile -Wait -PollInterval 0.1\n";

        [Fact]
        public void NeverSubmittedFile_IsDeletedAtOnce_WithNoDeployment()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run("$t = New-DISyncTask -Name $name -FolderPath $folder -ResourceGroup $group -Content $content; $t | Remove-DIFile -Confirm:$false -Verbose; Get-DIFile -FileId $t.FileId");
                Assert.Empty(r.Output);
                Assert.Contains(r.Verbose, v => v.Message.Contains("never been submitted"));
                Assert.Equal(new[] { "ListFolders", "ListResourceGroups", "ListDataSources", "CreateDISyncTask", "DeleteFile", "GetFile" }, s.Actions());
                var error = Assert.Single(r.Errors);  // the file is gone
                Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            }
        }

        [Fact]
        public void StandardMode_PublishCarriesTheDeletionToProduction()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run(CreateSubmitPublish + "$file | Remove-DIFile -Publish -PollInterval 0.1 -Confirm:$false -PassThru");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                var last = ((DIFileRemoval)r.Output.Single().BaseObject).Deployment;
                Assert.Equal(DIDeploymentStatus.Succeeded, last.Status);
                Assert.Equal(DIDeploymentKind.Delete, last.Kind);
                Assert.Equal(DIEnvironment.Production, last.ToEnvironment);
                List<string> actions = s.Actions();
                List<string> afterDelete = actions.Skip(actions.IndexOf("DeleteFile")).ToList();
                Assert.Equal("DeleteFile", afterDelete[0]);
                Assert.Contains("DeployFile", afterDelete);
                Assert.True(afterDelete.IndexOf("GetDeployment") < afterDelete.IndexOf("DeployFile"), "DeployFile came before the deletion package finished");
            }
        }

        [Fact]
        public void StandardMode_WithoutPublish_ReturnsTheDeletionPackage_AndDoesNotDeploy()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run(CreateSubmitPublish + "$file | Remove-DIFile -Wait -PollInterval 0.1 -Confirm:$false -PassThru");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                var d = ((DIFileRemoval)r.Output.Single().BaseObject).Deployment;
                Assert.Equal(DIDeploymentKind.Delete, d.Kind);
                Assert.Equal(DIDeploymentStatus.Succeeded, d.Status);
                Assert.NotEqual(DIEnvironment.Production, d.ToEnvironment);
                Assert.Single(s.Actions().Skip(s.Actions().IndexOf("DeleteFile")), a => a == "DeleteFile");
                Assert.DoesNotContain("DeployFile", s.Actions().Skip(s.Actions().IndexOf("DeleteFile")));
            }
        }

        [Fact]
        public void BasicMode_DeletionReachesProductionWithoutDeployFile()
        {
            using (var s = new EmulatorSession(10001))
            {
                PSResult r = s.Run(CreateSubmitPublish + "$file | Remove-DIFile -Publish -PollInterval 0.1 -Confirm:$false -PassThru");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                var d = ((DIFileRemoval)r.Output.Single().BaseObject).Deployment;
                Assert.Equal(DIDeploymentKind.Delete, d.Kind);
                Assert.Equal(DIDeploymentStatus.Succeeded, d.Status);
                Assert.DoesNotContain("DeployFile", s.Actions());
            }
        }

        [Fact]
        public void RemoveExample_FindsTheTaskByName_AndRemovesItEverywhere()
        {
            using (var s = new EmulatorSession(181565))
            {
                string name = EmulatorSession.UniqueName("doomed");
                PSResult setup = s.Run(CreateSubmitPublish, new Dictionary<string, object> { ["name"] = name });
                Assert.True(setup.Errors.Count == 0, setup.ErrorText);
                PSResult r = s.Run($"& '{Path.Combine(RepoPaths.Root, "examples", "02-remove-sync-task.ps1")}' -Endpoint $endpoint -ProjectId 181565 -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) -TaskName '{name}' -PollIntervalSec 0.1 -Confirm:$false");
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                var d = ((DIFileRemoval)r.Output.Single().BaseObject).Deployment;
                Assert.Equal(DIEnvironment.Production, d.ToEnvironment);
                Assert.Equal(DIDeploymentStatus.Succeeded, d.Status);
            }
        }
    }
}
