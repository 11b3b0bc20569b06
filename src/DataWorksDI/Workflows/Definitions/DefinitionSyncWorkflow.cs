using DataWorksDI.Client;
using DataWorksDI.Definitions;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>What a Sync-DITaskDefinition run did: its plan, the changes the caller declined, and the apply's report.</summary>
    internal sealed class SyncRun
    {
        public DefinitionPlan Plan { get; set; }

        /// <summary>The planned changes the caller declined (ShouldProcess said no): not applied, reported as skipped.</summary>
        public List<PlanItem> Declined { get; } = new List<PlanItem>();

        /// <summary>The apply's outcomes; null when nothing was left to apply (every item unchanged or declined).</summary>
        public ApplyReport Report { get; set; }
    }

    /// <summary>
    /// Sync-DITaskDefinition's whole run: the plan, made again from the workspace (<see cref="DefinitionPlanWorkflow"/>);
    /// then the caller's decision on it, asked once, after every read and before any write; then the apply of what was
    /// accepted (<see cref="DefinitionApplyWorkflow"/>). The decision is a callback, as progress is: the cmdlet asks
    /// ShouldProcess (and keeps only piped tasks) there, on the pipeline thread; a test answers it directly.
    /// </summary>
    internal sealed class DefinitionSyncWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        /// <param name="projectId">The workspace; null: the one the stage names, else the context's (LiveTaskReader.ProjectIdAsync).</param>
        /// <param name="decide">
        /// Given the plan, returns the items not to apply. It may also remove items from the plan (Sync's piped selection).
        /// Called once; whatever it declines is never written, so a caller that declines everything (-WhatIf) sends no write.
        /// </param>
        /// <param name="options">The apply's options; its Limit (when set) also bounds the plan's reads.</param>
        public async Task<SyncRun> SyncAsync(DefinitionSet offline, string stageFile, long? projectId, bool delete,
            Func<DefinitionPlan, Task<ICollection<PlanItem>>> decide, ApplyOptions options, CancellationToken ct)
        {
            DefinitionPlan plan = await new DefinitionPlanWorkflow(Context, Log, Progress).PlanAsync(offline, stageFile, projectId, delete, ct, options.Limit).ConfigureAwait(false);
            ICollection<PlanItem> declined = await decide(plan).ConfigureAwait(false);
            var run = new SyncRun { Plan = plan };
            run.Declined.AddRange(plan.Items.Where(declined.Contains));
            if (plan.Items.All(i => i.Plan.Kind == DITaskAction.Unchanged || declined.Contains(i))) return run;

            plan.Items.RemoveAll(declined.Contains);
            run.Report = await new DefinitionApplyWorkflow(Context, Log, Progress).ApplyAsync(plan, options, ct).ConfigureAwait(false);
            return run;
        }
    }
}
