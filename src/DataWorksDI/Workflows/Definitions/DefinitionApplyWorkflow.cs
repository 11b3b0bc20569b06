using System.Security.Cryptography;
using System.Text;
using DataWorksDI.Client;
using DataWorksDI.Definitions;
using DataWorksDI.Services;
using DataWorksDI.Session;

namespace DataWorksDI.Workflows
{
    /// <summary>How an apply run may spend calls and wait.</summary>
    internal sealed class ApplyOptions
    {
        /// <summary>Stop cleanly before a step that would take the run's calls (the plan's reads included) past this; null: no limit.</summary>
        public long? MaxCalls { get; set; }

        /// <summary>The limit the plan was read under (it counts the plan's reads as they are made); when null, one is made from <see cref="MaxCalls"/> and the plan's CallsSpent.</summary>
        public CallLimit Limit { get; set; }

        public WaitOptions Wait { get; set; }

        /// <summary>Asked once per deletion, on the pipeline thread (ShouldProcess); false leaves the task Skipped.</summary>
        public Func<PlanItem, bool> ConfirmDelete { get; set; }

        /// <summary>Writes in flight at once; the client's pacer keeps the rate.</summary>
        public int Parallel { get; set; } = 8;
    }

    /// <summary>One task's result and the exception of its failure (the cmdlet writes it as an error about the result).</summary>
    internal sealed class ApplyOutcome
    {
        public PlanItem Item { get; set; }
        public DITaskSyncResult Result { get; set; }
        public Exception Error { get; set; }
        internal DIDeployment Package { get; set; }
    }

    /// <summary>What an apply run did.</summary>
    internal sealed class ApplyReport
    {
        public List<ApplyOutcome> Outcomes { get; } = new List<ApplyOutcome>();

        /// <summary>The calls of the whole run (plan reads, retries and polls included), from the client's statistics.</summary>
        public long CallsSpent { get; set; }

        /// <summary>Why the run stopped early (MaxCalls or the daily budget), or null.</summary>
        public Exception Stopped { get; set; }
    }

    /// <summary>
    /// Sync-DITaskDefinition: makes the workspace match a plan through the workflows the cmdlets use — SyncTaskWorkflow
    /// (CreateDISyncTask with a deterministic ClientToken, UpdateDISyncTask), ScheduleWorkflow (UpdateFile, only the fields
    /// that differ), SubmitWorkflow, PublishWorkflow, DeploymentWaitWorkflow and RemoveWorkflow. In bulk: every write
    /// (dependencies first), then every submit, then the waits, then the deploys (standard mode), then their waits; every
    /// call, polls included, goes through the client's pacer. One progress bar for the whole run. A call limit stops the
    /// run before a step that would pass it and leaves each unfinished task Pending with its next step; a re-run finishes
    /// the rest (the plan is made again from the workspace, so finished work is not repeated).
    /// </summary>
    internal sealed class DefinitionApplyWorkflow(DIContext context, IClientLog log, Action<ProgressUpdate> progress) : Workflow(context, log, progress)
    {
        /// <summary>The CreateDISyncTask ClientToken: the same workspace, folder, name and desired state give the same token, so a replay or a re-run after an ambiguous failure returns the first task instead of a second one.</summary>
        internal static string ClientToken(long projectId, TaskDefinition desired, string hash)
        {
            using (var sha = SHA256.Create())
            {
                byte[] bytes = sha.ComputeHash(Encoding.UTF8.GetBytes($"{projectId}\n{desired.Folder}\n{desired.Name}\n{hash}"));
                return "dwdi-" + string.Concat(bytes.Take(16).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        public async Task<ApplyReport> ApplyAsync(DefinitionPlan plan, ApplyOptions options, CancellationToken ct)
        {
            var report = new ApplyReport();
            CallLimit limit = options.Limit ?? new CallLimit(Context.Client, options.MaxCalls, plan.CallsSpent);
            var outcomes = plan.Items.Select(i => new ApplyOutcome
            {
                Item = i,
                Result = new DITaskSyncResult
                {
                    Name = i.Plan.Name, Folder = i.Plan.Folder, FolderPath = i.Plan.FolderPath, ProjectId = plan.ProjectId,
                    Kind = i.Plan.Kind, FileId = i.FileId, State = DITaskSyncStatus.Done,
                },
            }).ToList();
            report.Outcomes.AddRange(outcomes);
            var work = outcomes.Where(o => o.Item.Plan.Kind != DITaskAction.Unchanged).ToList();
            int totalSteps = work.Sum(o => StepCount(o.Item.Plan, plan.StandardMode));
            int doneSteps = 0;
            string hashComment(ApplyOutcome o) => LiveTaskReader.Comment(o.Item.Plan.DesiredHash);

            using (ProgressActivity bar = StartActivity($"Applying {work.Count} of {outcomes.Count} task definition(s) to workspace {plan.Workspace.Identifier} ({plan.ProjectId})"))
            {
                void Step(ApplyOutcome o, string what)
                {
                    int n = Interlocked.Increment(ref doneSteps);
                    bar.Report($"{what} {o.Item.Plan.FolderPath}/{o.Item.Plan.Name} ({n} of {totalSteps} steps, {limit.Spent} calls)", Math.Min(99, 100 * n / Math.Max(1, totalSteps)));
                }

                // Runs one step of one task: reserve its calls, run it, count it; a failure or a stop is recorded on the task.
                async Task<bool> Run(ApplyOutcome o, string step, int calls, Func<Task> body)
                {
                    if (o.Result.State != DITaskSyncStatus.Done) return false;
                    if (!limit.TryReserve(calls, $"{step} of {o.Item.Plan.FolderPath}/{o.Item.Plan.Name}"))
                    {
                        MarkPending(o, step);
                        return false;
                    }
                    try
                    {
                        await body().ConfigureAwait(false);
                        o.Result.Calls += calls;
                        Step(o, step);
                        return true;
                    }
                    catch (CallBudgetExhaustedException ex)
                    {
                        limit.StopBy(ex);
                        MarkPending(o, step);
                        return false;
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested && limit.Stopped)
                    {
                        MarkPending(o, step);
                        return false;
                    }
                    catch (Exception ex) when (ex is DataWorksServiceException || ex is DataWorksOperationException || ex is Client.Credentials.CredentialException)
                    {
                        o.Result.State = DITaskSyncStatus.Failed;
                        o.Result.NextStep = step;
                        o.Result.Error = $"{step} failed: {ex.Message}";
                        o.Error = ex;
                        Log.Verbose($"{o.Item.Plan.FolderPath}/{o.Item.Plan.Name}: {step} failed: {ex.Message}");
                        return false;
                    }
                    finally
                    {
                        limit.Release(calls);
                    }
                }

                // 1. Writes, dependencies first (a level waits for the one before it).
                var writes = work.Where(o => o.Item.Plan.Kind == DITaskAction.Create || o.Item.Plan.Kind == DITaskAction.Change).ToList();
                foreach (var level in writes.GroupBy(o => o.Item.Level).OrderBy(g => g.Key))
                {
                    SkipWhenUpstreamNotDone(level, outcomes, plan);
                    await LiveTaskReader.ForEachAsync(level, options.Parallel, o => WriteAsync(o, plan, Run, ct)).ConfigureAwait(false);
                }

                // 2. Submits, then their waits.
                var submits = work.Where(o => o.Item.Plan.Kind == DITaskAction.Create || o.Item.Plan.Kind == DITaskAction.Change || o.Item.Plan.Kind == DITaskAction.Submit).ToList();
                var submitter = new SubmitWorkflow(Context, Log, null);
                await LiveTaskReader.ForEachAsync(submits, options.Parallel, o => Run(o, "SubmitFile", 1, async () =>
                {
                    o.Package = await submitter.SubmitAsync(plan.ProjectId, o.Result.FileId.Value, hashComment(o), false, null, ct).ConfigureAwait(false);
                    o.Result.DeploymentIds = o.Result.DeploymentIds.Concat(new[] { o.Package.DeploymentId }).ToArray();
                })).ConfigureAwait(false);
                await WaitAllAsync(submits, options, limit, Run, ct).ConfigureAwait(false);

                // 3. Standard mode: deploys, then their waits.
                if (plan.StandardMode)
                {
                    var deploys = work.Where(o => o.Item.Plan.Kind != DITaskAction.Delete).ToList();
                    var publisher = new PublishWorkflow(Context, Log, null);
                    await LiveTaskReader.ForEachAsync(deploys, options.Parallel, o => Run(o, "DeployFile", 1, async () =>
                    {
                        PublishResult published = await publisher.PublishAsync(new FileInput(plan.ProjectId, o.Result.FileId.Value, DITaskType.Batch), hashComment(o), null, ct).ConfigureAwait(false);
                        o.Package = published.Deployment;
                        if (o.Package != null) o.Result.DeploymentIds = o.Result.DeploymentIds.Concat(new[] { o.Package.DeploymentId }).ToArray();
                    })).ConfigureAwait(false);
                    await WaitAllAsync(deploys, options, limit, Run, ct).ConfigureAwait(false);
                }

                // 4. Deletions, each confirmed on its own (ConfirmImpact High).
                var deletions = work.Where(o => o.Item.Plan.Kind == DITaskAction.Delete).ToList();
                var remover = new RemoveWorkflow(Context, Log, null);
                foreach (ApplyOutcome o in deletions)
                {
                    if (options.ConfirmDelete != null && !options.ConfirmDelete(o.Item))
                    {
                        o.Result.State = DITaskSyncStatus.Skipped;
                        o.Result.Error = "Not confirmed.";
                        continue;
                    }
                    await Run(o, plan.StandardMode ? "DeleteFile and DeployFile" : "DeleteFile", plan.StandardMode ? 4 : 2, async () =>
                    {
                        DIDeployment last = (await remover.RemoveAsync(new FileInput(plan.ProjectId, o.Item.Orphan.FileId, DITaskType.Batch), options.Wait, true, ct).ConfigureAwait(false)).Deployment;
                        if (last != null) o.Result.DeploymentIds = new[] { last.DeploymentId };
                    }).ConfigureAwait(false);
                }
                bar.Complete(limit.Stopped ? "stopped" : "done");
            }

            foreach (ApplyOutcome o in outcomes.Where(o => o.Result.State == DITaskSyncStatus.Pending && limit.StoppedBy != null && string.IsNullOrEmpty(o.Result.Error)))
                o.Result.Error = limit.StoppedBy.Message;
            report.Stopped = limit.StoppedBy;
            report.CallsSpent = limit.Spent;
            Log.Verbose($"Apply: {string.Join(", ", outcomes.GroupBy(o => o.Result.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"))}; {report.CallsSpent} call(s) in all (the plan's reads, retries and polls included).");
            return report;
        }

        private static int StepCount(DITaskPlan p, bool standard) => p.Steps.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Length
            + (p.Kind == DITaskAction.Delete ? 0 : p.Steps.Contains("SubmitFile") ? 1 : 0) + (standard && p.Kind != DITaskAction.Delete ? 1 : 0);

        private static void MarkPending(ApplyOutcome o, string step)
        {
            if (o.Result.State != DITaskSyncStatus.Done) return;
            o.Result.State = DITaskSyncStatus.Pending;
            o.Result.NextStep = step;
        }

        /// <summary>A task whose upstream (a task its inputList names) failed or is pending is not written: its UpdateFile would name a missing output.</summary>
        private void SkipWhenUpstreamNotDone(IEnumerable<ApplyOutcome> level, List<ApplyOutcome> all, DefinitionPlan plan)
        {
            string identifier = plan.Workspace.Identifier;
            var notDone = all.Where(o => o.Item.Desired != null && o.Result.State != DITaskSyncStatus.Done).ToDictionary(o => identifier + "." + o.Item.Desired.Name, o => o, StringComparer.Ordinal);
            if (notDone.Count == 0) return;
            foreach (ApplyOutcome o in level)
            {
                if (!(o.Item.Desired.Schedule["inputList"] is JArray inputs)) continue;
                ApplyOutcome upstream = inputs.Select(i => (string)i).Where(notDone.ContainsKey).Select(i => notDone[i]).FirstOrDefault();
                if (upstream == null) continue;
                bool pending = upstream.Result.State == DITaskSyncStatus.Pending;
                o.Result.State = pending ? DITaskSyncStatus.Pending : DITaskSyncStatus.Skipped;
                o.Result.NextStep = o.Item.Plan.Steps.Split(',')[0].Trim();
                o.Result.Error = $"Not applied: it depends on {upstream.Item.Plan.FolderPath}/{upstream.Item.Plan.Name}, which is {upstream.Result.State.ToString().ToLowerInvariant()}.";
                if (!pending)
                    o.Error = new DataWorksOperationException(ErrorIds.UpstreamNotApplied, o.Result.Error + " Fix that task and run Sync-DITaskDefinition again.", ErrorCategory.NotEnabled);
            }
        }

        private async Task WriteAsync(ApplyOutcome o, DefinitionPlan plan, Func<ApplyOutcome, string, int, Func<Task>, Task<bool>> run, CancellationToken ct)
        {
            PlanItem item = o.Item;
            TaskDefinition d = item.Desired;
            var tasks = new SyncTaskWorkflow(Context, Log, null);
            if (item.Plan.Kind == DITaskAction.Create)
            {
                bool created = await run(o, "CreateDISyncTask", 1, async () =>
                {
                    var task = new DISyncTask { ProjectId = plan.ProjectId, TaskType = DITaskType.Batch, FileName = d.Name, FolderPath = d.Folder, ResourceGroup = d.ResourceGroup, Cu = d.Cu };
                    DISyncTask result = await tasks.CreateAsync(task, CanonicalJson.Compact(d.Content), ClientToken(plan.ProjectId, d, item.Plan.DesiredHash), null, ct).ConfigureAwait(false);
                    o.Result.FileId = result.FileId;
                }).ConfigureAwait(false);
                if (!created) return;
            }
            else if (item.UpdateTask)
            {
                bool updated = await run(o, "UpdateDISyncTask", 1, () => tasks.UpdateAsync(
                    new DISyncTask { ProjectId = plan.ProjectId, FileId = o.Result.FileId.Value, TaskType = DITaskType.Batch, ResourceGroup = item.NewResourceGroup, Cu = item.NewCu },
                    item.NewContent, null, ct)).ConfigureAwait(false);
                if (!updated) return;
            }
            if (item.UpdateSchedule)
            {
                // GetFile and UpdateFile; a resource group adds ListResourceGroups and, when it changes, the read-back.
                int calls = 2 + (d.Schedule["resourceGroupIdentifier"] != null ? 2 : 0);
                var schedule = new ScheduleWorkflow(Context, Log, null);
                await run(o, "UpdateFile", calls, () => schedule.ApplyAsync(plan.ProjectId, o.Result.FileId.Value, DefinitionPlanWorkflow.ScheduleFieldsOf(d), true, ct)).ConfigureAwait(false);
            }
        }

        /// <summary>Waits for every task's package at once (each wait polls through the pacer); a wait stops when the call limit is reached.</summary>
        private async Task WaitAllAsync(List<ApplyOutcome> outcomes, ApplyOptions options, CallLimit limit, Func<ApplyOutcome, string, int, Func<Task>, Task<bool>> run, CancellationToken ct)
        {
            var waiting = outcomes.Where(o => o.Result.State == DITaskSyncStatus.Done && o.Package != null).ToList();
            await LiveTaskReader.ForEachAsync(waiting, Math.Max(options.Parallel, 32), async o =>
            {
                DIDeployment package = o.Package;
                o.Package = null;
                using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    // The waiter reports each poll; past the call limit the wait is cancelled and the task left Pending.
                    var waiter = new DeploymentWaitWorkflow(Context, Log, _ =>
                    {
                        if (limit.Exhausted)
                        {
                            limit.TryReserve(1, $"the next poll of package {package.DeploymentId}");
                            stop.Cancel();
                        }
                    });
                    await run(o, $"wait for package {package.DeploymentId}", 1, () => waiter.WaitAsync(package, options.Wait, stop.Token)).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
    }
}
