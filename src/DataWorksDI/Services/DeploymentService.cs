using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Errors;
using DataWorksDI.Internal;
using DataWorksDI.Models;
using DataWorksDI.Session;
using Newtonsoft.Json.Linq;

namespace DataWorksDI.Services
{
    /// <summary>Deployment packages: GetDeployment, ListDeployments, and waiting for a package to finish.</summary>
    internal sealed class DeploymentService : DataWorksService
    {
        public DeploymentService(DIContext context, IClientLog log) : base(context, log)
        {
        }

        public async Task<DIDeployment> GetAsync(long projectId, long deploymentId, CancellationToken ct)
        {
            var request = new ApiRequest(ApiAction.GetDeployment).With("ProjectId", projectId).With("DeploymentId", deploymentId);
            JObject body = await Call(request, ct).ConfigureAwait(false);
            return Parse(projectId, deploymentId, body);
        }

        public async Task ListAsync(long projectId, DIDeploymentStatus? status, string keyword, int pageSize, Func<IReadOnlyList<DIDeployment>, bool> onPage, CancellationToken ct)
        {
            for (int page = 1; ; page++)
            {
                var request = new ApiRequest(ApiAction.ListDeployments).With("ProjectId", projectId).With("Keyword", keyword)
                    .With("Status", status.HasValue ? WireEnum.ToCode(status.Value) : (int?)null).With("PageNumber", page).With("PageSize", pageSize);
                JObject body = await Call(request, ct).ConfigureAwait(false);
                JToken data = body["Data"];
                var list = new List<DIDeployment>();
                if (data?["Deployments"] is JArray arr)
                {
                    foreach (JToken d in arr)
                    {
                        list.Add(new DIDeployment
                        {
                            ProjectId = projectId,
                            DeploymentId = Json.Long(d, "Id") ?? 0,
                            Name = Json.Str(d, "Name"),
                            Status = WireEnum.FromCode<DIDeploymentStatus>(Json.Int(d, "Status")) ?? DIDeploymentStatus.Pending,
                            CreatorId = Json.Str(d, "Creator"),
                            HandlerId = Json.Str(d, "Executor"),
                            CreateTime = Json.EpochMs(d, "CreateTime"),
                            ExecuteTime = Json.EpochMs(d, "ExecuteTime"),
                            ErrorMessage = Json.Str(d, "ErrorMessage"),
                            RequestId = Json.Str(body, "RequestId"),
                        });
                    }
                }
                if (list.Count == 0 || !onPage(list)) return;
                long total = Json.Long(data, "TotalCount") ?? 0;
                if ((long)page * pageSize >= total) return;
            }
        }

        /// <summary>
        /// Polls until the package is terminal. Succeeded: returns it. Failed, rejected or failed its pre-deployment
        /// check: throws a <see cref="DataWorksOperationException"/> with the service's message — never a time-out.
        /// </summary>
        public async Task<DIDeployment> WaitAsync(DIDeployment deployment, TimeSpan timeout, TimeSpan initialInterval,
            Action<DIDeployment, TimeSpan> onPoll, CancellationToken ct)
        {
            var result = await Poller.PollAsync(async token =>
            {
                DIDeployment read = await GetAsync(deployment.ProjectId, deployment.DeploymentId, token).ConfigureAwait(false);
                read.FileId = read.FileId != 0 ? read.FileId : deployment.FileId;
                read.Kind = deployment.Kind;
                return read;
            }, d => d.IsTerminal, timeout, initialInterval, onPoll, ct).ConfigureAwait(false);

            DIDeployment current = result.Last ?? deployment;
            if (!result.Done) throw TimedOut(current, timeout, result.Polls);
            Log.Verbose($"Deployment {current.DeploymentId} is {Describe(current)} after {result.Polls} poll(s) in {result.Elapsed.TotalSeconds:0.#} s.");
            if (current.IsSucceeded) return current;
            throw Failed(current);
        }

        internal static string Describe(DIDeployment d) =>
            d.Check == DIDeploymentCheck.CheckFailed ? "failed its pre-deployment check" : d.Status.ToString().ToLowerInvariant();

        internal static DataWorksOperationException Failed(DIDeployment d)
        {
            string reason = string.IsNullOrWhiteSpace(d.ErrorMessage) ? "the service gave no reason" : d.ErrorMessage.Trim();
            string what = d.Kind == DIDeploymentKind.Unknown ? "Deployment" : d.Kind + " deployment";
            string errorId;
            string text;
            if (d.Check == DIDeploymentCheck.CheckFailed)
            {
                errorId = ErrorIds.DeploymentCheckFailed;
                text = $"{what} {d.DeploymentId} of file {d.FileId} failed the pre-deployment check: {reason}. Fix what the check reports and submit again (SubmitFile's -SkipDeploymentChecks bypasses check extensions).";
            }
            else if (d.Status == DIDeploymentStatus.Rejected)
            {
                errorId = ErrorIds.DeploymentRejected;
                text = $"{what} {d.DeploymentId} of file {d.FileId} was rejected: {reason}.";
            }
            else
            {
                errorId = ErrorIds.DeploymentFailed;
                text = $"{what} {d.DeploymentId} of file {d.FileId} failed: {reason}.";
            }
            if (!string.IsNullOrEmpty(d.RequestId)) text += $" [RequestId: {d.RequestId}]";
            return new DataWorksOperationException(errorId, text, ErrorCategory.InvalidResult);
        }

        private static DataWorksOperationException TimedOut(DIDeployment d, TimeSpan timeout, int polls) =>
            new DataWorksOperationException(ErrorIds.DeploymentWaitTimeout,
                $"Deployment {d.DeploymentId} of file {d.FileId} was still {(d.Check == DIDeploymentCheck.Checking ? "being checked" : "pending")} when the {timeout.TotalSeconds:0.#} s timeout expired ({polls} poll(s)). It may still finish: wait again with Wait-DIDeployment -DeploymentId {d.DeploymentId}, or raise -Timeout.",
                ErrorCategory.OperationTimeout);

        internal static DIDeployment Parse(long projectId, long deploymentId, JObject body)
        {
            JToken data = body["Data"];
            JToken d = data?["Deployment"];
            var result = new DIDeployment
            {
                ProjectId = projectId,
                DeploymentId = deploymentId,
                Name = Json.Str(d, "Name"),
                Status = WireEnum.FromCode<DIDeploymentStatus>(Json.Int(d, "Status")) ?? DIDeploymentStatus.Pending,
                Check = WireEnum.FromCode<DIDeploymentCheck>(Json.Int(d, "CheckingStatus")) ?? DIDeploymentCheck.None,
                FromEnvironment = WireEnum.FromCode<DIEnvironment>(Json.Int(d, "FromEnvironment")),
                ToEnvironment = WireEnum.FromCode<DIEnvironment>(Json.Int(d, "ToEnvironment")),
                ErrorMessage = Json.Str(d, "ErrorMessage"),
                CreatorId = Json.Str(d, "CreatorId"),
                HandlerId = Json.Str(d, "HandlerId"),
                CreateTime = Json.EpochMs(d, "CreateTime"),
                ExecuteTime = Json.EpochMs(d, "ExecuteTime"),
                RequestId = Json.Str(body, "RequestId"),
            };
            var items = new List<DIDeployedItem>();
            if (data?["DeployedItems"] is JArray arr)
                foreach (JToken i in arr)
                    items.Add(new DIDeployedItem { FileId = Json.Long(i, "FileId") ?? 0, FileVersion = Json.Long(i, "FileVersion"), Status = Json.Int(i, "Status") });
            result.Items = items.ToArray();
            if (items.Count == 1) result.FileId = items[0].FileId;
            return result;
        }
    }
}
