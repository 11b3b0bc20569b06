using DataWorksDI.Client;
using DataWorksDI.Definitions;
using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Sync-DITaskDefinition: plans (Compare-DITaskDefinition's plan, made again from the workspace) and applies it — only
    /// what differs is written, submitted and deployed. -WhatIf prints the plan and sends no write; each task is a
    /// ShouldProcess; each deletion (-Delete) is one more, confirmed on its own unless -Force. Plan objects piped in select
    /// the tasks to apply.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "DITaskDefinition", SupportsShouldProcess = true, DefaultParameterSetName = PathSet, HelpUri = HelpLinks.Pages + "Sync-DITaskDefinition.md")]
    [OutputType(typeof(DITaskSyncResult))]
    public sealed class SyncDITaskDefinitionCommand : WaitingCmdlet
    {
        private const string PathSet = "Path";
        private const string PlanSet = "Plan";
        private readonly List<DITaskPlan> _piped = new List<DITaskPlan>();

        /// <summary>The definition folder.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>The stage file: the workspace and the names that differ in it.</summary>
        [Parameter(Position = 1, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Stage { get; set; }

        /// <summary>Plan objects from Compare-DITaskDefinition: only these tasks are applied (the plan is made again first).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PlanSet)]
        public DITaskPlan[] InputObject { get; set; }

        /// <summary>Also delete tasks under the stage's folderRoot (or the definitions' folders) that no definition names.</summary>
        [Parameter(ParameterSetName = PathSet)]
        public SwitchParameter Delete { get; set; }

        /// <summary>Stop cleanly before a step that would take the run (its plan's reads included) past this many API calls.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long MaxCalls { get; set; }

        /// <summary>Delete without the extra confirmation per task (each deletion is still a ShouldProcess, so -WhatIf and -Confirm work).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PlanSet)
            {
                if (InputObject != null) _piped.AddRange(InputObject.Where(p => p != null));
                return;
            }
            Apply(DefinitionCmdletSupport.FullPath(this, Path), DefinitionCmdletSupport.FullPath(this, Stage), Delete.IsPresent, null);
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName != PlanSet || _piped.Count == 0) return;
            var sources = _piped.Select(p => (p.DefinitionPath ?? string.Empty, p.StagePath ?? string.Empty)).Distinct().ToList();
            if (sources.Count != 1 || string.IsNullOrEmpty(sources[0].Item1))
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlanOutOfDate,
                    "The plan objects piped in come from " + (sources.Count == 1 ? "no definition folder" : sources.Count + " different definition folders or stages") + "; pipe the plan of one Compare-DITaskDefinition run.",
                    ErrorCategory.InvalidArgument, null));
            }
            Apply(sources[0].Item1, sources[0].Item2.Length == 0 ? null : sources[0].Item2, _piped.Any(p => p.Kind == DITaskAction.Delete), _piped);
        }

        private void Apply(string root, string stage, bool delete, List<DITaskPlan> selected)
        {
            DefinitionSet offline = DefinitionCmdletSupport.LoadOrTerminate(this, root, stage);
            var context = ResolveContext();
            long? projectId = MyInvocation.BoundParameters.ContainsKey(nameof(ProjectId)) ? ProjectId : selected?.FirstOrDefault()?.ProjectId;
            // One limit for the whole run: the plan's reads count, and a plan that would pass it stops before it does.
            var limit = new CallLimit(context.Client, MyInvocation.BoundParameters.ContainsKey(nameof(MaxCalls)) ? MaxCalls : (long?)null);
            var options = new ApplyOptions { MaxCalls = limit.Max, Limit = limit, Wait = WaitOptions };
            var workflow = new DefinitionSyncWorkflow(context, Log, PostProgress);
            // The decision runs on the pipeline thread: the piped selection's warnings and errors, and a ShouldProcess per change.
            if (!TryRun(ct => workflow.SyncAsync(offline, stage, projectId, delete, plan => OnPipelineThread(() => Decide(plan, selected)), options, ct), root, out SyncRun run)) return;

            DefinitionPlan plan = run.Plan;
            if (run.Report == null)
            {
                foreach (PlanItem item in plan.Items) WriteObject(Result(plan, item, run.Declined.Contains(item) ? DITaskSyncStatus.Skipped : DITaskSyncStatus.Done));
                return;
            }

            ApplyReport report = run.Report;
            foreach (ApplyOutcome o in report.Outcomes)
            {
                WriteObject(o.Result);
                if (o.Error is DataWorksServiceException se) WriteError(ErrorRecords.FromService(se, o.Result));
                else if (o.Error is DataWorksOperationException oe) WriteError(ErrorRecords.From(oe, o.Result));
                else if (o.Error is Client.Credentials.CredentialException ce) WriteError(CredentialErrors.ToErrorRecord(ce, o.Result));
            }
            foreach (PlanItem item in run.Declined) WriteObject(Result(plan, item, DITaskSyncStatus.Skipped));
            if (report.Stopped != null)
            {
                int pending = report.Outcomes.Count(o => o.Result.State == DITaskSyncStatus.Pending);
                string message = $"{report.Stopped.Message} {pending} task(s) are Pending; {report.CallsSpent} call(s) were spent in this run. Run Sync-DITaskDefinition again to finish them.";
                if (report.Stopped is DataWorksServiceException budget)
                    WriteError(ErrorRecords.Create(budget.Code, message, ErrorCategory.QuotaExceeded, root));
                else
                    WriteError(ErrorRecords.Create(ErrorIds.CallLimitReached, message, ErrorCategory.LimitsExceeded, root));
            }
        }

        /// <summary>
        /// Keeps only the piped tasks (when a plan was piped), then asks for every change before anything is written, so
        /// -WhatIf sends no write and a declined task is only skipped. Returns the declined items.
        /// </summary>
        private ICollection<PlanItem> Decide(DefinitionPlan plan, List<DITaskPlan> selected)
        {
            if (selected != null) Select(plan, selected);
            var declined = new HashSet<PlanItem>();
            foreach (PlanItem item in plan.Items.Where(i => i.Plan.Kind != DITaskAction.Unchanged))
            {
                DITaskPlan p = item.Plan;
                string target = $"task '{p.FolderPath}/{p.Name}' in workspace {plan.ProjectId}";
                string what = $"{p.Kind} ({p.Steps}; about {p.Calls} call(s){(p.Drift ? "; overwrites a change made outside the definitions" : string.Empty)})"
                    + (p.Changes.Length > 0 ? ": " + p.ChangeSummary : string.Empty);
                bool yes = ShouldProcess(target, what);
                if (yes && p.Kind == DITaskAction.Delete && !Force.IsPresent)
                {
                    try
                    {
                        yes = ShouldContinue($"Delete task '{p.FolderPath}/{p.Name}' (file {p.FileId}) from workspace {plan.ProjectId}{(plan.StandardMode ? " and from production" : string.Empty)}? No definition names it.", "Delete a sync task");
                    }
                    catch (System.Management.Automation.Host.HostException)
                    {
                        WriteError(ErrorRecords.Create(ErrorIds.ConfirmationRequired,
                            $"Deleting '{p.FolderPath}/{p.Name}' needs a confirmation this host cannot ask for; nothing was deleted. Add -Force to delete without the extra prompt.", ErrorCategory.InvalidOperation, p));
                        yes = false;
                    }
                }
                if (!yes) declined.Add(item);
            }
            return declined;
        }

        private static DITaskSyncResult Result(DefinitionPlan plan, PlanItem item, DITaskSyncStatus status) => new DITaskSyncResult
        {
            Name = item.Plan.Name, Folder = item.Plan.Folder, FolderPath = item.Plan.FolderPath, ProjectId = plan.ProjectId, Kind = item.Plan.Kind,
            State = status, FileId = item.FileId, Error = status == DITaskSyncStatus.Skipped ? "Not confirmed (ShouldProcess)." : string.Empty,
        };

        /// <summary>Keeps the piped tasks; a piped task the new plan does not have, or now plans differently, is said so.</summary>
        private void Select(DefinitionPlan plan, List<DITaskPlan> selected)
        {
            var wanted = selected.ToDictionary(p => p.FolderPath + "/" + p.Name, p => p, StringComparer.Ordinal);
            foreach (PlanItem item in plan.Items.ToList())
            {
                string key = item.Plan.FolderPath + "/" + item.Plan.Name;
                if (!wanted.TryGetValue(key, out DITaskPlan piped)) { plan.Items.Remove(item); continue; }
                if (piped.Kind != item.Plan.Kind)
                    WriteWarning($"{key}: the piped plan said {piped.Kind}, the workspace now needs {item.Plan.Kind}; applying {item.Plan.Kind}.");
                wanted.Remove(key);
            }
            foreach (DITaskPlan gone in wanted.Values)
                WriteError(ErrorRecords.Create(ErrorIds.PlanOutOfDate, $"{gone.FolderPath}/{gone.Name} is no longer in the plan of {gone.DefinitionPath}; nothing was done for it.", ErrorCategory.ObjectNotFound, gone));
        }
    }
}
