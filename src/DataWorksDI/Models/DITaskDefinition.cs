using System.Collections.Specialized;

namespace DataWorksDI.Models
{
    /// <summary>What a definition plan or apply does to one task.</summary>
    public enum DITaskAction
    {
        /// <summary>Nothing differs, nothing is pending: reads only.</summary>
        Unchanged,

        /// <summary>The task does not exist: CreateDISyncTask, UpdateFile (schedule), SubmitFile, DeployFile (standard mode).</summary>
        Create,

        /// <summary>Content, resource group or schedule differ: UpdateDISyncTask and/or UpdateFile, then SubmitFile and DeployFile.</summary>
        Change,

        /// <summary>Nothing differs but the latest change was never submitted: SubmitFile (and DeployFile in standard mode).</summary>
        Submit,

        /// <summary>Standard mode: submitted but the latest version is not in production: DeployFile.</summary>
        Deploy,

        /// <summary>Only with -Delete: the task is under the definitions' folders but no definition names it: DeleteFile (+ DeployFile).</summary>
        Delete,
    }

    /// <summary>Reads an action or status name back (ConvertFrom-Json, Import-Csv), whatever its case.</summary>
    internal static class DITaskActions
    {
        public static T Parse<T>(string name, string property) where T : struct, Enum
        {
            if (name != null && Enum.TryParse(name.Trim(), true, out T value) && Enum.IsDefined(typeof(T), value)) return value;
            throw new ArgumentException($"{property} '{name}' is not one of {string.Join(", ", Enum.GetNames(typeof(T)))}.", property);
        }
    }

    /// <summary>How applying one task ended.</summary>
    public enum DITaskSyncStatus
    {
        /// <summary>Every step was made (for Unchanged: nothing was needed).</summary>
        Done,

        /// <summary>A step failed; the error names it. Re-run Sync-DITaskDefinition after fixing the cause.</summary>
        Failed,

        /// <summary>Stopped before a step (the call limit or the daily budget); NextStep says what is left. Re-run to finish.</summary>
        Pending,

        /// <summary>Not attempted: declined at the confirmation prompt, an upstream task failed, or not selected.</summary>
        Skipped,
    }

    /// <summary>
    /// One task of a definition folder, as Import-DITaskDefinition reads it: templates expanded and the stage applied.
    /// <see cref="Schedule"/> uses Set-DIFileSchedule's parameter names, so it can be splatted into it.
    /// </summary>
    public sealed class DITaskDefinition
    {
        public string Name { get; set; }

        /// <summary>The folder as written in the definition (relative to the stage's folderRoot).</summary>
        public string Folder { get; set; }

        /// <summary>The folder in the workspace (folderRoot/folder), as the stage makes it.</summary>
        public string FolderPath { get; set; }

        public string Description { get; set; }

        /// <summary>The DI resource group after the stage (TaskParam.ResourceGroup); empty: the workspace's default.</summary>
        public string ResourceGroup { get; set; }

        public double? Cu { get; set; }

        /// <summary>The task JSON after the stage, pretty-printed with sorted keys.</summary>
        public string Content { get; set; }

        /// <summary>The schedule after the stage, keyed by Set-DIFileSchedule parameter names (cron, cycleType, inputList, …).</summary>
        public OrderedDictionary Schedule { get; set; }

        /// <summary>The definition file (relative to -Path).</summary>
        public string SourceFile { get; set; }

        /// <summary>The template row (1-based) the task was expanded from; empty for a plain definition.</summary>
        public int? TemplateRow { get; set; }

        /// <summary>sha256 of the desired state: what Sync-DITaskDefinition records in the SubmitFile comment.</summary>
        public string Hash { get; set; }

        public override string ToString() => string.IsNullOrEmpty(FolderPath) ? Name : FolderPath + "/" + Name;
    }

    /// <summary>One field that differs between a live task and its definition.</summary>
    public sealed class DITaskChange
    {
        /// <summary>Where: resourceGroup, cu, description, schedule.&lt;key&gt;, or a JSON path into the content ($.content.steps[0]…).</summary>
        public string Path { get; set; }

        /// <summary>The workspace's value (JSON for structures); empty when absent, '(not readable)' when DataWorks does not report it.</summary>
        public string Live { get; set; }

        /// <summary>The definition's value after the stage.</summary>
        public string Desired { get; set; }

        public override string ToString() => $"{Path}: {Live} -> {Desired}";
    }

    /// <summary>
    /// The plan for one task (Compare-DITaskDefinition): what apply will do, the write calls it will make, the fields that
    /// differ, the API calls it will spend, and whether the live task was changed outside the files since the last apply.
    /// Flat enough for Export-Csv and ConvertTo-Json, so a plan can be reviewed in a pull request.
    /// </summary>
    public sealed class DITaskPlan
    {
        /// <summary>
        /// What apply will do, as the name of a <see cref="DITaskAction"/> (Create, Change, Submit, Deploy, Unchanged,
        /// Delete): a string, so a plan saved with ConvertTo-Json reads "Change" rather than the number an enum becomes.
        /// </summary>
        public string Action
        {
            get => Kind.ToString();
            set => Kind = DITaskActions.Parse<DITaskAction>(value, nameof(Action));
        }

        internal DITaskAction Kind { get; set; }

        /// <summary>The definition folder (relative to the stage's folderRoot).</summary>
        public string Folder { get; set; }

        public string Name { get; set; }

        /// <summary>The folder in the workspace.</summary>
        public string FolderPath { get; set; }

        public long ProjectId { get; set; }

        /// <summary>The live file, when the task exists.</summary>
        public long? FileId { get; set; }

        /// <summary>The write calls apply will make, in order (e.g. "CreateDISyncTask, UpdateFile, SubmitFile, DeployFile"); empty for Unchanged.</summary>
        public string Steps { get; set; } = string.Empty;

        /// <summary>The API calls apply will spend on this task at least: its writes, the reads the schedule step makes and one poll per wait.</summary>
        public int Calls { get; set; }

        /// <summary>True when the live task differs from the definition although the last apply recorded this very definition: someone changed it outside the files (a console edit), and apply will overwrite it.</summary>
        public bool Drift { get; set; }

        /// <summary>Field-level differences (none for Create, Submit, Deploy, Unchanged and Delete).</summary>
        public DITaskChange[] Changes { get; set; } = new DITaskChange[0];

        /// <summary>The changes as one line ("schedule.cron: '…' -> '…'; …"), for Export-Csv.</summary>
        public string ChangeSummary => string.Join("; ", (Changes ?? new DITaskChange[0]).Select(c => c.ToString()));

        /// <summary>sha256 of the desired state (empty for Delete).</summary>
        public string DesiredHash { get; set; } = string.Empty;

        /// <summary>The hash the last apply recorded in the latest SubmitFile comment (empty when none).</summary>
        public string RecordedHash { get; set; } = string.Empty;

        /// <summary>The definition file (relative to DefinitionPath) and template row.</summary>
        public string SourceFile { get; set; } = string.Empty;

        /// <summary>The definition folder and stage file the plan was made from (Sync-DITaskDefinition re-plans from them when plans are piped in).</summary>
        public string DefinitionPath { get; set; } = string.Empty;

        public string StagePath { get; set; } = string.Empty;

        public override string ToString() => $"{Action} {FolderPath}/{Name}";
    }

    /// <summary>What Sync-DITaskDefinition did for one task.</summary>
    public sealed class DITaskSyncResult
    {
        public string Name { get; set; }
        public string Folder { get; set; }
        public string FolderPath { get; set; }
        public long ProjectId { get; set; }

        /// <summary>The plan's action, as the name of a <see cref="DITaskAction"/> (a string for ConvertTo-Json, as the plan's).</summary>
        public string Action
        {
            get => Kind.ToString();
            set => Kind = DITaskActions.Parse<DITaskAction>(value, nameof(Action));
        }

        /// <summary>How it ended, as the name of a <see cref="DITaskSyncStatus"/> (Done, Failed, Pending, Skipped).</summary>
        public string Status
        {
            get => State.ToString();
            set => State = DITaskActions.Parse<DITaskSyncStatus>(value, nameof(Status));
        }

        internal DITaskAction Kind { get; set; }
        internal DITaskSyncStatus State { get; set; }
        public long? FileId { get; set; }

        /// <summary>The packages made for it (submit, deploy, deletion), in order.</summary>
        public long[] DeploymentIds { get; set; } = new long[0];

        /// <summary>The API calls made for it (retries and extra polls are counted in the run's total, not here).</summary>
        public int Calls { get; set; }

        /// <summary>For Pending (and Failed): the step that is left, e.g. "SubmitFile" or "wait for package 123".</summary>
        public string NextStep { get; set; } = string.Empty;

        /// <summary>Why it failed, was skipped or is pending; empty when Done.</summary>
        public string Error { get; set; } = string.Empty;

        public override string ToString() => $"{Status} {Action} {FolderPath}/{Name}";
    }
}
