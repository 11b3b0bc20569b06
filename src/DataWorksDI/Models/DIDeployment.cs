namespace DataWorksDI.Models
{
    /// <summary>One item of a deployment package.</summary>
    public sealed class DIDeployedItem
    {
        public long FileId { get; set; }
        public long? FileVersion { get; set; }

        /// <summary>0 UNPUBLISHED, 1 SUCCESS, 2 ERROR, 3 CLONED, 4 DEPLOY_ERROR, 5 CLONING, 6 REJECT.</summary>
        public int? Status { get; set; }

        public override string ToString() => $"{FileId} v{FileVersion}";
    }

    /// <summary>
    /// A deployment package (SubmitFile, DeployFile, DeleteFile → GetDeployment). Pipes into Wait-DIDeployment by
    /// DeploymentId, and into Publish-DIFile by FileId.
    /// </summary>
    public sealed class DIDeployment
    {
        public long ProjectId { get; set; }
        public long DeploymentId { get; set; }

        /// <summary>The file the module created this package for (0 when read from a listing).</summary>
        public long FileId { get; set; }

        public DIDeploymentKind Kind { get; set; }
        public string Name { get; set; }
        public DIDeploymentStatus Status { get; set; }
        public DIDeploymentCheck Check { get; set; }
        public DIEnvironment? FromEnvironment { get; set; }
        public DIEnvironment? ToEnvironment { get; set; }
        public string ErrorMessage { get; set; }
        public string CreatorId { get; set; }
        public string HandlerId { get; set; }
        public DateTime? CreateTime { get; set; }
        public DateTime? ExecuteTime { get; set; }
        public DIDeployedItem[] Items { get; set; } = new DIDeployedItem[0];

        /// <summary>True when the package will not change any more: succeeded, failed, rejected, or failed its pre-deployment check.</summary>
        public bool IsTerminal => Status != DIDeploymentStatus.Pending || Check == DIDeploymentCheck.CheckFailed;

        public bool IsSucceeded => Status == DIDeploymentStatus.Succeeded;

        /// <summary>The RequestId of the call that last read this state.</summary>
        public string RequestId { get; set; }

        public override string ToString() => $"Deployment {DeploymentId} ({Status})";
    }
}
