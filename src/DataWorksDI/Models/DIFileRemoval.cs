namespace DataWorksDI.Models
{
    /// <summary>
    /// What Remove-DIFile -PassThru writes for each file it deleted — the same shape for a batch file, a file that was
    /// never submitted and a real-time task. Pipes into Wait-DIDeployment (DeploymentId, while the deletion package is
    /// pending) and Get-DIFile (FileId: the file in the recycle bin).
    /// </summary>
    public sealed class DIFileRemoval
    {
        public long ProjectId { get; set; }
        public long FileId { get; set; }

        /// <summary>Batch or Realtime, as given or read; null for other files.</summary>
        public DITaskType? TaskType { get; set; }

        /// <summary>
        /// The last package of the removal: DeleteFile's, or with -Publish in a standard-mode workspace the DeployFile that
        /// took the deletion to production; null when none was needed (a real-time task, a file never submitted).
        /// </summary>
        public DIDeployment Deployment { get; set; }

        /// <summary>The id of <see cref="Deployment"/>, 0 when there is none.</summary>
        public long DeploymentId => Deployment?.DeploymentId ?? 0;

        /// <summary>Pending (without -Wait), Succeeded, or null when there is no package.</summary>
        public DIDeploymentStatus? Status => Deployment?.Status;

        /// <summary>Production too: the deletion reached production (a real-time task, basic mode, or -Publish in standard mode).</summary>
        public bool InProduction { get; set; }

        /// <summary>True when nothing remains to wait for.</summary>
        public bool Completed => Deployment == null || Deployment.IsSucceeded;

        public override string ToString() => $"Removed {FileId}" + (Deployment == null ? string.Empty : $" (deployment {Deployment.DeploymentId}, {Deployment.Status})");
    }
}
