using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// The binder's trace (Trace-Command ParameterBinding) is process-wide: the probe must not run while other tests bind
    /// parameters in other runspaces of this process, or their lines would mix into its trace.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class BinderTraceCollection
    {
        public const string Name = "Binder trace";
    }

    /// <summary>
    /// Pipeline binding is safe by construction (issue 11 item 1; docs/ARCHITECTURE.md, "Pipeline binding"): an object whose
    /// properties are strings (Import-Csv, ConvertFrom-Json) binds exactly as the typed object does; a Get-* returns no more
    /// than the ids it was given; a CSV of ids removes exactly those files.
    /// </summary>
    [Collection(BinderTraceCollection.Name)]
    public class PipelineBindingTests
    {
        /// <summary>
        /// What PowerShell's binder did with one piped object, read from its own trace (Trace-Command ParameterBinding):
        /// the parameters bound from the command line and from the object, and whether ProcessRecord was reached. The
        /// parameter set is the one set that the bound parameters satisfy (all its mandatory ones, none from another set).
        /// </summary>
        private const string Probe = @"
function Get-Binding([string]$Command, $Variants) {
    $info = Get-Command $Command
    $extra = @{ ErrorAction = 'SilentlyContinue'; WarningAction = 'SilentlyContinue' }
    if ($info.Parameters.ContainsKey('Confirm')) { $extra.Confirm = $false }
    $trace = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'dwdi-bind-' + [guid]::NewGuid().ToString('N') + '.txt')
    # One trace for every variant: each invocation starts with the binder's 'BIND NAMED cmd line args' line.
    $null = Trace-Command -Name ParameterBinding -FilePath $trace -Expression {
        foreach ($name in $Variants.Keys) { try { $null = $Variants[$name] | & $Command @extra } catch { } }
    }
    $lines = [System.IO.File]::ReadAllLines($trace)
    [System.IO.File]::Delete($trace)
    $runs = [System.Collections.Generic.List[object]]::new()
    foreach ($line in $lines) {
        $text = $line -replace '^ParameterBinding Information: 0 : ', ''
        if ($text -match ('^BIND NAMED cmd line args \[' + [regex]::Escape($Command) + '\]')) {
            $run = [pscustomobject]@{ Bound = [ordered]@{}; Reached = $false; InPipeline = $false }
            $runs.Add($run)
        }
        if ($runs.Count -eq 0) { continue }
        if ($text -match '^\s*RESTORING pipeline parameter') {
            foreach ($k in @($run.Bound.Keys)) { if ($run.Bound[$k].FromPipeline) { $run.Bound.Remove($k) } }
            $run.InPipeline = $true
        }
        if ($text -match '^\s*BIND arg \[(.*)\] to param \[(\w+)\] SUCCESSFUL$') {
            $run.Bound[$Matches[2]] = [pscustomobject]@{ Value = $Matches[1]; FromPipeline = $run.InPipeline }
        }
        if ($text -match '^CALLING ProcessRecord') { $run.Reached = $true }
    }
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $i = 0
    foreach ($variant in $Variants.Keys) {
        $run = $runs[$i++]
        if (-not $run.Reached) { [pscustomobject]@{ Command = $Command; Variant = $variant; Outcome = 'refused by the binder' }; continue }
        # A parameter bound to nothing (a typed object's null property, e.g. a file read without its Schedule) is the same as
        # one not bound: the CSV form of the same object has an empty cell there, which binds nothing.
        $names = @($run.Bound.Keys | Where-Object { $_ -notin $common -and ""$($run.Bound[$_].Value)"" -ne '' })
        $sets = @($info.ParameterSets | Where-Object {
            $set = $_
            $inSet = @($set.Parameters | ForEach-Object Name)
            (@($names | Where-Object { $_ -notin $inSet }).Count -eq 0) -and
            (@($set.Parameters | Where-Object { $_.IsMandatory -and $_.Name -notin $names }).Count -eq 0)
        } | ForEach-Object Name | Sort-Object)
        $values = @($names | Sort-Object | ForEach-Object {
            # An [object] parameter holds the piped object itself (a typed object, or its CSV form): compare that it is bound.
            if ($info.Parameters[$_].ParameterType -eq [object]) { ""$_=(object)"" } else { ""$_=$($run.Bound[$_].Value)"" }
        })
        [pscustomobject]@{ Command = $Command; Variant = $variant; Outcome = ""sets=[$($sets -join ',')]; $($values -join '; ')"" }
    }
}

# The same object typed, as Import-Csv gives it (every property a string), as ConvertFrom-Json gives it, and as
# ConvertFrom-Json gives a JSON file whose values are all quoted.
function Get-Variants($Typed) {
    $csv = $Typed | ConvertTo-Csv | ConvertFrom-Csv
    [ordered]@{
        typed = $Typed
        csv = $csv
        json = $Typed | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        jsonStrings = $csv | ConvertTo-Json | ConvertFrom-Json
    }
}
";

        private const string Samples = @"
$samples = [ordered]@{
    BatchFile = [DataWorksDI.Models.DIFile]@{ ProjectId = $projectId; FileId = 500000101; FileName = 'ods_a'; FileType = 23; FolderPath = $folder; Content = $content }
    RealtimeFile = [DataWorksDI.Models.DIFile]@{ ProjectId = $projectId; FileId = 500000102; FileName = 'rt_a'; FileType = 900 }
    OtherFile = [DataWorksDI.Models.DIFile]@{ ProjectId = $projectId; FileId = 500000103; FileName = 'sql_a'; FileType = 10 }
    Deployment = [DataWorksDI.Models.DIDeployment]@{ ProjectId = $projectId; DeploymentId = 7001; FileId = 500000101; Kind = 'Submit'; Name = 'pkg' }
    ListedDeployment = [DataWorksDI.Models.DIDeployment]@{ ProjectId = $projectId; DeploymentId = 7002; FileId = 0; Name = 'pkg2' }
    BatchTask = [DataWorksDI.Models.DISyncTask]@{ ProjectId = $projectId; FileId = 500000101; FileName = 'ods_a'; TaskType = 'Batch'; FolderPath = $folder; ResourceGroup = $group }
    RealtimeTask = [DataWorksDI.Models.DISyncTask]@{ ProjectId = $projectId; FileId = 500000102; FileName = 'rt_a'; TaskType = 'Realtime'; FolderPath = $folder }
    Workspace = [DataWorksDI.Models.DIWorkspace]@{ ProjectId = $projectId; Identifier = 'ws'; Name = 'ws'; Mode = 'Standard' }
    Instance = [DataWorksDI.Models.DISyncInstance]@{ ProjectId = $projectId; FileId = 500000102; TaskType = 'Realtime'; Status = 'Run' }
    Schedule = [DataWorksDI.Models.DIFileSchedule]@{ Cron = '00 30 05 * * ?' }
}
";

        /// <summary>
        /// Every exported cmdlet × every output type of the module: the CSV and JSON forms of an object bind to the same
        /// parameter set, with the same ids, as the typed object — or are refused as it is. The session has no context,
        /// so a cmdlet that binds stops at once (NoContext) and nothing is sent anywhere.
        /// </summary>
        [Fact]
        public void EveryCmdlet_BindsCsvAndJsonStrings_ToTheSameSetAndIds_AsTypedObjects()
        {
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run("$projectId = 181565; $folder = 'Business Flow/f/Data Integration'; $group = 'S_res_group_1'; $content = '{\"type\":\"job\"}'\n" +
                    Probe + Samples + @"
foreach ($command in (Get-Module DataWorksDI).ExportedCmdlets.Keys | Sort-Object) {
    foreach ($sample in $samples.Keys) {
        Get-Binding $command (Get-Variants $samples[$sample]) | Add-Member -NotePropertyName Sample -NotePropertyValue $sample -PassThru
    }
}");
                Assert.True(r.Terminating == null, r.ErrorText);
                var outcomes = r.Output.Select(o => new
                {
                    Command = (string)o.Properties["Command"].Value,
                    Sample = (string)o.Properties["Sample"].Value,
                    Variant = (string)o.Properties["Variant"].Value,
                    Key = (string)o.Properties["Outcome"].Value,
                }).ToList();
                int commands = outcomes.Select(o => o.Command).Distinct().Count();
                Assert.Equal(26, commands);   // every exported cmdlet (ModuleManifestTests keeps the list)

                var mismatches = new List<string>();
                foreach (var group in outcomes.GroupBy(o => (o.Command, o.Sample)))
                {
                    string typed = group.Single(o => o.Variant == "typed").Key;
                    foreach (var other in group.Where(o => o.Variant != "typed" && o.Key != typed))
                        mismatches.Add($"{group.Key.Command} ← {group.Key.Sample} ({other.Variant}): {other.Key}{System.Environment.NewLine}    typed: {typed}");
                }
                Assert.True(mismatches.Count == 0, string.Join(System.Environment.NewLine, mismatches));

                // Spot checks that the probe reads the binder right: the by-id set from a typed file and from its CSV form.
                string getFile = string.Join(" | ", outcomes.Where(o => o.Command == "Get-DIFile" && o.Sample == "BatchFile").Select(o => o.Variant + ": " + o.Key));
                Assert.True(outcomes.Any(o => o.Command == "Get-DIFile" && o.Sample == "BatchFile" && o.Variant == "csv" && o.Key.Contains("sets=[ById]") && o.Key.Contains("FileId=500000101")), getFile);
                Assert.Contains(outcomes, o => o.Command == "Remove-DIFile" && o.Sample == "BatchFile" && o.Variant == "jsonStrings" && o.Key.Contains("FileId=500000101") && o.Key.Contains("TaskType=Batch"));
                // A listed package (FileId 0) and a workspace are refused by the by-id set, never taken as a listing.
                foreach (var o in outcomes.Where(o => o.Command.StartsWith("Get-DI") && (o.Sample == "Workspace" || o.Sample == "ListedDeployment") && o.Command != "Get-DIWorkspace"))
                    Assert.DoesNotContain("sets=[Query]", o.Key);
                foreach (var o in outcomes.Where(o => o.Command == "Get-DIDeployment" || o.Command == "Get-DIFile" || o.Command == "Get-DIWorkspace"))
                    Assert.DoesNotContain("sets=[List]", o.Key);
            }
        }

        /// <summary>
        /// No Get-* returns more than the ids it was given: typed, CSV and JSON records, and records whose id does not bind
        /// (missing, empty, not a number, in scientific notation, zero, only a ProjectId) — each is one object or an error,
        /// and no listing action is called.
        /// </summary>
        [Fact]
        public void NoGetCmdlet_ReturnsMoreThanTheIdsItWasGiven()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run(@"
$files = 1..3 | ForEach-Object { New-DISyncTask -Name ""${name}_$_"" -FolderPath $folder -ResourceGroup $group -Content $content }
$package = $files[0] | Submit-DIFile
$given = @($files[0], $files[1])
$bad = @(
    [pscustomobject]@{ ProjectId = ""$projectId"" }
    [pscustomobject]@{ ProjectId = ""$projectId""; FileId = '' }
    [pscustomobject]@{ ProjectId = ""$projectId""; FileId = 'abc' }
    [pscustomobject]@{ ProjectId = ""$projectId""; FileId = '5E+08' }
    [pscustomobject]@{ ProjectId = ""$projectId""; FileId = '0'; DeploymentId = '0' }
    [pscustomobject]@{ ProjectId = ""$projectId""; FileId = 5.5 }
    [pscustomobject]@{ Name = $files[2].FileName; FileName = $files[2].FileName }
)
function Count-Of($sb) { @(& $sb 2>$null).Count }
[pscustomobject]@{
    FileTyped = @($given | Get-DIFile 2>$null | ForEach-Object FileId)
    FileCsv = @($given | ConvertTo-Csv | ConvertFrom-Csv | Get-DIFile 2>$null | ForEach-Object FileId)
    FileJson = @($given | ConvertTo-Json | ConvertFrom-Json | Get-DIFile 2>$null | ForEach-Object FileId)
    FileBad = Count-Of { $bad | Get-DIFile }
    DeploymentCsv = @($package | ConvertTo-Csv | ConvertFrom-Csv | Get-DIDeployment 2>$null | ForEach-Object DeploymentId)
    DeploymentBad = Count-Of { @($bad) + @($files) | Get-DIDeployment }
    WorkspaceCsv = @([pscustomobject]@{ ProjectId = ""$projectId"" } | Get-DIWorkspace 2>$null | ForEach-Object ProjectId)
    WorkspaceBad = Count-Of { @([pscustomobject]@{ ProjectId = '' }, [pscustomobject]@{ ProjectId = 'x' }, [pscustomobject]@{ Identifier = 'ws' }) | Get-DIWorkspace }
    SyncTaskBad = Count-Of { $bad | Get-DISyncTask }
    InstanceBad = Count-Of { $bad | Get-DISyncInstance }
    GivenIds = @($given | ForEach-Object FileId)
    PackageId = $package.DeploymentId
}");
                Assert.True(r.Terminating == null, r.ErrorText);
                PSObject o = r.Output.Single();
                long[] Ids(string name) => ((object[])o.Properties[name].Value).Select(v => System.Convert.ToInt64(v is PSObject p ? p.BaseObject : v)).ToArray();
                int Count(string name) => (int)o.Properties[name].Value;
                long[] given = Ids("GivenIds");
                Assert.Equal(given, Ids("FileTyped"));
                Assert.Equal(given, Ids("FileCsv"));
                Assert.Equal(given, Ids("FileJson"));
                Assert.Equal(0, Count("FileBad"));
                Assert.Equal(new[] { System.Convert.ToInt64(o.Properties["PackageId"].Value) }, Ids("DeploymentCsv"));
                Assert.Equal(0, Count("DeploymentBad"));
                Assert.Equal(new[] { s.ProjectId }, Ids("WorkspaceCsv"));
                Assert.Equal(0, Count("WorkspaceBad"));
                Assert.Equal(0, Count("SyncTaskBad"));
                Assert.Equal(0, Count("InstanceBad"));
                List<string> actions = s.Actions();
                Assert.DoesNotContain("ListFiles", actions);
                Assert.DoesNotContain("ListDeployments", actions);
                Assert.DoesNotContain("ListProjects", actions);
            }
        }

        /// <summary>The issue's runbook: a CSV of two ids, through Get-DIFile, into Remove-DIFile, removes those two and no other.</summary>
        [Fact]
        public void ImportCsv_GetDIFile_RemoveDIFile_RemovesExactlyTheListedFiles()
        {
            using (var s = new EmulatorSession(181565))
            {
                string csv = Path.Combine(Path.GetTempPath(), "to_delete_" + System.Guid.NewGuid().ToString("N") + ".csv");
                try
                {
                    PSResult r = s.Run(@"
$files = 1..4 | ForEach-Object { New-DISyncTask -Name ""${name}_$_"" -FolderPath $folder -ResourceGroup $group -Content $content }
$files[1], $files[3] | Select-Object FileId, ProjectId | Export-Csv -LiteralPath $csv -NoTypeInformation
Import-Csv -LiteralPath $csv | Get-DIFile | Remove-DIFile -Confirm:$false
foreach ($f in $files) { [pscustomobject]@{ FileId = $f.FileId; Exists = [bool](Get-DIFile -FileId $f.FileId -ErrorAction SilentlyContinue) } }",
                        new Dictionary<string, object> { ["csv"] = csv });
                    Assert.True(r.Terminating == null, r.ErrorText);
                    Assert.Equal(new[] { true, false, true, false }, r.Output.Select(o => (bool)o.Properties["Exists"].Value).ToArray());
                    List<string> actions = s.Actions();
                    Assert.Equal(2, actions.Count(a => a == "DeleteFile"));
                    Assert.DoesNotContain("ListFiles", actions);
                }
                finally
                {
                    File.Delete(csv);
                }
            }
        }
    }
}
