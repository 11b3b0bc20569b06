using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Credentials;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Tests.Lifecycle;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Catalog
{
    /// <summary>What TabExpansion2 offers, and what it costs (the emulator's request log of the session's own key).</summary>
    internal static class Tab
    {
        /// <summary>The completion texts for the end of <paramref name="line"/>.</summary>
        public static List<string> Complete(PowerShellSession ps, string line, IDictionary<string, object> variables = null)
        {
            PSResult r = ps.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText",
                new Dictionary<string, object>(variables ?? new Dictionary<string, object>()) { ["line"] = line });
            Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
            return r.Output.Select(o => o.ToString()).ToList();
        }

        /// <summary>
        /// Completes until something is offered: under load a first Tab may exceed the time box and answer nothing while its
        /// read goes on filling the catalogue — the next Tab then answers from the catalogue without another call.
        /// </summary>
        public static List<string> CompleteSome(EmulatorSession s, string line, IDictionary<string, object> variables = null)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                List<string> offered = Complete(s.PowerShell, line, variables);
                if (offered.Count > 0 || watch.Elapsed > TimeSpan.FromSeconds(60)) return offered;
                Thread.Sleep(500);
            }
        }
    }

    /// <summary>
    /// A TabExpansion2 test per completer against the emulator: each offers what the workspace or the user's configuration
    /// has, narrowed by the other parameters on the line, each list read once per context however often Tab is pressed.
    /// </summary>
    public class CompletionTests
    {
        private static int Count(EmulatorSession s, string action) => s.Actions().Count(a => a == action);

        [Fact]
        public void ResourceGroup_OffersTheNormalDataIntegrationGroups_OneListResourceGroups()
        {
            using (var s = new EmulatorSession())
            {
                List<string> offered = Tab.CompleteSome(s, "New-DISyncTask -ResourceGroup S_res");
                Assert.Contains("S_res_group_XXX", offered);
                Assert.Contains(SampleTasks.DIResourceGroup, offered);
                Assert.DoesNotContain("S_res_group_expired_di", offered); // stopped: a task on it would not run
                Assert.DoesNotContain("default_group", offered);          // a scheduling group
                Assert.Equal(new[] { "S_res_group_XXX", "S_res_group_XXX_XXXX" }, Tab.Complete(s.PowerShell, "Set-DISyncTask -ResourceGroup S_res_group_XXX"));
                Assert.Contains("S_res_group_XXX", Tab.Complete(s.PowerShell, "Test-DISyncTaskContent -ResourceGroup S_res_group_X"));
                Assert.Equal(1, Count(s, "ListResourceGroups"));
                Assert.Equal(1, s.CallCount());
            }
        }

        [Fact]
        public void ResourceGroupIdentifier_OffersTheSchedulingGroups_SharedAndExclusive()
        {
            using (var s = new EmulatorSession())
            {
                List<string> offered = Tab.CompleteSome(s, "Set-DIFileSchedule -FileId 1 -ResourceGroupIdentifier ");
                Assert.Contains("default_group", offered);
                Assert.Contains("S_res_group_280749521950784_1623033752022", offered); // exclusive scheduling (type 7)
                Assert.DoesNotContain("S_res_group_XXX_XXXX", offered);                // Data Integration only
                Tab.Complete(s.PowerShell, "Set-DIFileSchedule -FileId 1 -ResourceGroupIdentifier def");
                Assert.Equal(new[] { "ListResourceGroups", "ListResourceGroups" }, s.Actions()); // types 1 and 7, once each
            }
        }

        [Fact]
        public void FolderPath_CompletesOneLevelPerTab_DataIntegrationFoldersOnlyForNewDISyncTask_Quoted()
        {
            using (var s = new EmulatorSession())
            {
                List<string> roots = Tab.CompleteSome(s, "Get-DIFile -FolderPath ");
                Assert.Contains("Workflow", roots);
                Assert.Contains("'Business Flow'", roots);
                Assert.Equal(new[] { "Workflow/Automated_Testing_Workspace_Do_Not_Modify", "Workflow/new_biz" }, Tab.CompleteSome(s, "Get-DIFile -FolderPath Workflow/"));
                Assert.Equal(new[] { "'Workflow/new_biz/Data Integration'", "Workflow/new_biz/MaxCompute" }, Tab.CompleteSome(s, "Get-DIFile -FolderPath Workflow/new_biz/"));
                Assert.Equal(new[] { "'Workflow/new_biz/Data Integration'" }, Tab.Complete(s.PowerShell, "New-DISyncTask -FolderPath Workflow/new_biz/"));
                Assert.Equal(new[] { "'Workflow/new_biz/Data Integration'" }, Tab.Complete(s.PowerShell, "New-DISyncTask -FolderPath 'Workflow/new_biz/Da"));
                Assert.Equal(3, Count(s, "ListFolders")); // "/", "Workflow", "Workflow/new_biz": one call each
            }
        }

        [Fact]
        public void FileId_OffersTheSyncTasks_RealtimeOnesForTheRealtimeCmdlets_AndNameIsNarrowedByFolderPath()
        {
            using (var s = new EmulatorSession())
            {
                string name = EmulatorSession.UniqueName("tab");
                PSResult created = s.Run("(New-DISyncTask -Name $n -FolderPath $folder -Content $content).FileId; (New-DISyncTask -TaskType Realtime -Name ($n + '_rt') -FolderPath $folder -Content $request -PollInterval 0.2).FileId",
                    new Dictionary<string, object> { ["n"] = name, ["request"] = SampleTasks.RealtimeRequest() });
                Assert.True(created.Errors.Count == 0, created.ErrorText);
                string batch = created.Output[0].ToString(), realtime = created.Output[1].ToString();
                int before = Count(s, "ListFiles");

                List<string> all = Tab.CompleteSome(s, "Get-DIFile -FileId ");
                Assert.Contains(batch, all);
                Assert.Contains(realtime, all);
                List<string> realtimeOnly = Tab.Complete(s.PowerShell, "Get-DISyncTask -FileId ");
                Assert.Contains(realtime, realtimeOnly);
                Assert.DoesNotContain(batch, realtimeOnly);
                Assert.Equal(new[] { realtime }, Tab.Complete(s.PowerShell, "Start-DISyncInstance -FileId " + name)); // a name picks the id
                Assert.Equal(new[] { name, name + "_rt" }, Tab.Complete(s.PowerShell, "Get-DIFile -FolderPath $folder -Name " + name));
                Assert.Empty(Tab.Complete(s.PowerShell, "Get-DIFile -FolderPath 'Workflow/new_biz/Data Integration' -Name " + name));
                Assert.Equal(before + 1, Count(s, "ListFiles"));
            }
        }

        [Fact]
        public void ProjectId_OffersTheWorkspaces_ByIdOrIdentifier()
        {
            using (var s = new EmulatorSession())
            {
                Assert.Equal(new[] { "181565" }, Tab.CompleteSome(s, "Get-DIFile -ProjectId 1815"));
                Assert.Equal(new[] { "10001" }, Tab.Complete(s.PowerShell, "Get-DIDeployment -ProjectId emulator_ba"));
                Assert.Contains("10000", Tab.Complete(s.PowerShell, "Connect-DIWorkspace -ProjectId 1"));
                Assert.Equal(1, Count(s, "ListProjects"));
            }
        }

        [Fact]
        public void InputList_OffersTheRootOutput_AndTheSyncTasksDefaultOutputs()
        {
            using (var s = new EmulatorSession())
            {
                string name = EmulatorSession.UniqueName("up");
                Assert.Empty(s.Run("$null = New-DISyncTask -Name $n -FolderPath $folder -Content $content", new Dictionary<string, object> { ["n"] = name }).Errors);
                Assert.Equal(new[] { "dataworks_di_autotest_root" }, Tab.CompleteSome(s, "Set-DIFileSchedule -FileId 1 -InputList dataworks_di_autotest_r"));
                Assert.Equal(new[] { "dataworks_di_autotest." + name }, Tab.Complete(s.PowerShell, "Set-DIFileSchedule -FileId 1 -InputList " + name));
            }
        }

        [Fact]
        public void Context_NarrowsTheCompletion_ToThatContextsWorkspace_AndCatalogue()
        {
            using (var s = new EmulatorSession())
            {
                var (otherKey, otherSecret, _) = s.Emulator.CreateAccessKey();
                var vars = new Dictionary<string, object> { ["otherKey"] = otherKey, ["otherSecret"] = otherSecret };
                Assert.Empty(s.Run("$other = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10001 -AccessKeyId $otherKey -AccessKeySecret ([System.Net.NetworkCredential]::new('', $otherSecret).SecurePassword) -WhatIf:$false; Connect-DIWorkspace -Endpoint $endpoint -ProjectId $projectId -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) | Out-Null", vars).Errors);
                // Only workspace 10001's outputs (its root, and the default outputs of sync tasks other tests may have made
                // there meanwhile on this shared emulator), never the session's own workspace (emulator_standard).
                List<string> offered = Tab.CompleteSome(s, "Set-DIFileSchedule -Context $other -FileId 1 -InputList emu");
                Assert.Contains("emulator_basic_root", offered);
                Assert.All(offered, o => Assert.StartsWith("emulator_basic", o));
                Assert.Empty(s.Actions()); // the session's own key made no call
                Assert.Contains("ListProjects", s.Emulator.Actions(otherKey));
            }
        }

        [Fact]
        public void Region_OffersTheRegionsDataWorksServes_Offline()
        {
            using (var ps = new PowerShellSession())
            {
                Assert.Equal(new[] { "cn-shanghai", "cn-shanghai-finance-1" }, Tab.Complete(ps, "Connect-DIWorkspace -Region cn-shang"));
                Assert.Equal(new[] { "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5" }, Tab.Complete(ps, "Get-DIFile -Region ap-southeast"));
            }
        }

        [Fact]
        public void TimeZone_OffersTheSystemsTimeZones()
        {
            using (var ps = new PowerShellSession())
            {
                string expected = TimeZoneInfo.GetSystemTimeZones().Any(z => z.Id == "Asia/Shanghai") ? "Asia/Shanghai" : "'China Standard Time'";
                Assert.Contains(expected, Tab.Complete(ps, "Get-DIScheduleTime -Cron '00 00 05 * * ?' -TimeZone " + expected.Trim('\'').Substring(0, 5)));
            }
        }

        [Fact]
        public void NotConnected_OnlineCompletersAnswerNothing_Quietly()
        {
            using (var ps = new PowerShellSession())
            {
                Assert.Empty(Tab.Complete(ps, "New-DISyncTask -ResourceGroup "));
                Assert.Empty(Tab.Complete(ps, "Get-DIFile -FileId "));
            }
        }

        [Fact]
        public void ASlowService_NeverFreezesThePrompt_TheCompletionAnswersNothingInAboutTwoSeconds_AndTheReadFillsTheCatalogueForTheNextTab()
        {
            using (EmulatorProcess slow = EmulatorProcess.Start("--fault-latency-ms", "6000"))
            using (var s = new EmulatorSession(emulator: slow))
            {
                var watch = Stopwatch.StartNew();
                List<string> offered = Tab.Complete(s.PowerShell, "New-DISyncTask -ResourceGroup ");
                TimeSpan took = watch.Elapsed;
                Assert.Empty(offered);
                Assert.True(took < TimeSpan.FromSeconds(5), $"the completion took {took.TotalSeconds:0.0} s");

                // The read it started goes on; once it is in, Tab answers from the catalogue with no second call.
                Thread.Sleep(TimeSpan.FromSeconds(7));
                List<string> later = Tab.CompleteSome(s, "New-DISyncTask -ResourceGroup ");
                Assert.Contains("S_res_group_XXX", later);
                Assert.Equal(1, Count(s, "ListResourceGroups"));
            }
        }
    }

    /// <summary>-ProfileName completes the profiles of ~/.aliyun/config.json and ~/.alibabacloud/credentials.ini (sets HOME, so not in parallel).</summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public class ProfileCompletionTests
    {
        [Fact]
        public void ProfileName_OffersTheCliAndIniProfiles_ButNotDisabledSections()
        {
            using (var home = new TempHome())
            using (new EnvironmentScope(home.Env))
            using (var ps = new PowerShellSession())
            {
                home.WriteConfigJson(new JObject
                {
                    ["current"] = "dev",
                    ["profiles"] = new JArray(
                        new JObject { ["name"] = "dev", ["mode"] = "AK", ["access_key_id"] = "LTAI5tExampleKeyId0001", ["access_key_secret"] = "example-secret-value-0001", ["region_id"] = "cn-hangzhou" },
                        new JObject { ["name"] = "prod", ["mode"] = "AK", ["access_key_id"] = "LTAI5tExampleKeyId0002", ["access_key_secret"] = "example-secret-value-0002", ["region_id"] = "cn-shanghai" }),
                });
                Directory.CreateDirectory(Path.GetDirectoryName(home.IniPath));
                File.WriteAllText(home.IniPath, "[ci]\ntype = access_key\naccess_key_id = LTAI5tExampleKeyId0003\naccess_key_secret = example-secret-value-0003\n[old]\nenable = false\ntype = access_key\n");
                Assert.Equal(new[] { "ci", "dev", "prod" }, Tab.Complete(ps, "Get-DIFile -ProfileName ").OrderBy(n => n));
                Assert.Equal(new[] { "prod" }, Tab.Complete(ps, "Connect-DIWorkspace -ProfileName pr"));
            }
        }
    }
}
